import { memo, useState } from 'react'

/** A yes/no field (是否入库, 政府投资) as a checkbox; saved at once. */
export const BooleanFieldEditor = memo(function BooleanFieldEditor({
  inputId,
  label,
  value,
  commit,
}: {
  inputId: string
  label: string
  value: boolean
  commit: (value: boolean) => string | undefined
}) {
  const [error, setError] = useState<string | undefined>()
  return (
    <div className={`field field-checkbox${error ? ' field-invalid' : ''}`}>
      <label htmlFor={inputId} className="checkbox-label">
        <input id={inputId} type="checkbox" checked={value} onChange={(event) => setError(commit(event.target.checked))} />
        {label}
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
})
