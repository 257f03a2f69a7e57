import { memo, useState } from 'react'
import { describedBy, FieldFrame } from './FieldFrame.tsx'

/** A closed set (建设性质, 产业类别, 当前阶段) as a select; a choice is saved at once. */
export const ChoiceFieldEditor = memo(function ChoiceFieldEditor({
  inputId,
  label,
  value,
  options,
  commit,
}: {
  inputId: string
  label: string
  value: string
  options: readonly { value: string; label: string }[]
  commit: (value: string) => string | undefined
}) {
  const [error, setError] = useState<string | undefined>()
  return (
    <FieldFrame inputId={inputId} label={label} error={error}>
      <select
        id={inputId}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(inputId, undefined, error)}
        onChange={(event) => setError(commit(event.target.value))}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  )
})
