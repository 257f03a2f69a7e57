import { memo, useId, type ReactNode } from 'react'

/** One labelled input of the settings form with its Chinese error (from the shared schema) and a hint. */
export const SettingInput = memo(function SettingInput({
  label,
  value,
  onChange,
  error,
  hint,
  type = 'text',
  unit,
  testId,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  error?: string | undefined
  hint?: ReactNode
  type?: 'text' | 'date'
  unit?: string
  testId?: string
}) {
  const id = useId()
  return (
    <div className={`setting-field${error ? ' setting-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <span className="setting-input">
        <input
          id={id}
          type={type}
          inputMode={type === 'text' ? 'decimal' : undefined}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
          data-testid={testId}
        />
        {unit && <span className="setting-unit">{unit}</span>}
      </span>
      {hint && !error && (
        <span id={`${id}-hint`} className="setting-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  )
})
