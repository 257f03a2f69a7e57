import { useRef, useState, type ChangeEvent } from 'react'

/**
 * A text box for Chinese input on a phone: while the IME is composing (拼音 or 手写 not yet
 * chosen), nothing is treated as typed — Enter picks a candidate, it does not save. Saving is an
 * explicit 保存 button, large enough for a thumb.
 */
export function ImeSafeText({
  id,
  label,
  value,
  multiline = false,
  inputMode,
  onSave,
}: {
  id: string
  label: string
  value: string
  multiline?: boolean
  inputMode?: 'decimal' | 'text' | 'search'
  /** Returns the Chinese reason when the value is refused. */
  onSave: (text: string) => string | undefined
}) {
  const [draft, setDraft] = useState<string | undefined>(undefined)
  const [error, setError] = useState<string | undefined>()
  const composing = useRef(false)
  const text = draft ?? value
  const save = () => {
    if (composing.current || draft === undefined) return
    const problem = onSave(draft)
    setError(problem)
    if (!problem) setDraft(undefined)
  }
  const common = {
    id,
    value: text,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setDraft(event.target.value),
    onCompositionStart: () => (composing.current = true),
    onCompositionEnd: () => (composing.current = false),
    onKeyDown: (event: React.KeyboardEvent) => {
      if (event.key === 'Enter' && !multiline && !event.nativeEvent.isComposing && !composing.current) save()
    },
  }
  return (
    <div className="phone-field">
      <label htmlFor={id} className="phone-label">
        {label}
      </label>
      {multiline ? <textarea {...common} rows={4} /> : <input {...common} type="text" inputMode={inputMode} />}
      {error && (
        <p id={`${id}-error`} className="phone-error" role="alert">
          {error}
        </p>
      )}
      {draft !== undefined && draft !== value && (
        <div className="phone-actions">
          <button type="button" className="phone-button phone-primary" onClick={save}>
            保存
          </button>
          <button type="button" className="phone-button" onClick={() => (setDraft(undefined), setError(undefined))}>
            取消
          </button>
        </div>
      )}
    </div>
  )
}
