import { memo, useEffect, useRef, useState } from 'react'

/**
 * A yes/no field (是否入库, 政府投资) as a checkbox; saved at once. An unknown value (a ledger that
 * did not say) shows as an indeterminate box marked 未填, not as 否.
 */
export const BooleanFieldEditor = memo(function BooleanFieldEditor({
  inputId,
  label,
  value,
  commit,
}: {
  inputId: string
  label: string
  value: boolean | undefined
  commit: (value: boolean) => string | undefined
}) {
  const [error, setError] = useState<string | undefined>()
  const box = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (box.current) box.current.indeterminate = value === undefined
  }, [value])
  return (
    <div className={`field field-checkbox${error ? ' field-invalid' : ''}`}>
      <label htmlFor={inputId} className="checkbox-label">
        <input ref={box} id={inputId} type="checkbox" checked={value === true} onChange={(event) => setError(commit(event.target.checked))} />
        {label}
        {value === undefined && <span className="field-hint">（未填）</span>}
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
})
