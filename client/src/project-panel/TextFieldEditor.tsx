import { memo, type KeyboardEvent } from 'react'
import type { ProjectField } from '@guatu/shared/domain/project'
import { describedBy, FieldFrame } from './FieldFrame.tsx'
import type { TextCodec } from './textCodecs.ts'
import { useFieldDraft } from './useFieldDraft.ts'

/** Any field typed as text (names, 万元 amounts, dates, 序号, leader lists); saved on blur or Enter. */
export const TextFieldEditor = memo(function TextFieldEditor({
  inputId,
  field,
  label,
  value,
  codec,
  commit,
  type = 'text',
  multiline = false,
  inputMode,
  placeholder,
  hintFor,
}: {
  inputId: string
  field: ProjectField
  label: string
  value: unknown
  codec: TextCodec
  commit: (value: unknown) => string | undefined
  type?: 'text' | 'date'
  multiline?: boolean
  inputMode?: 'tel' | 'decimal' | 'numeric' | undefined
  placeholder?: string | undefined
  hintFor?: ((parsed: unknown) => string | undefined) | undefined
}) {
  const { text, parsed, error, onChange, finish } = useFieldDraft(field, value, codec, commit)
  const hint = hintFor?.(parsed)
  const common = {
    id: inputId,
    value: text,
    placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(inputId, hint, error),
    onBlur: finish,
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') finish()
  }
  return (
    <FieldFrame inputId={inputId} label={label} hint={hint} error={error} wide={multiline}>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type={type} inputMode={inputMode} onChange={(event) => onChange(event.target.value)} onKeyDown={onKeyDown} />
      )}
    </FieldFrame>
  )
})
