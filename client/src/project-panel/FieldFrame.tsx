import type { ReactNode } from 'react'

/** Label, control, hint and inline error for one field; ids tie the message to the control for screen readers. */
export function FieldFrame({
  inputId,
  label,
  hint,
  error,
  wide = false,
  children,
}: {
  inputId: string
  label: string
  hint?: string | undefined
  error?: string | undefined
  wide?: boolean
  children: ReactNode
}) {
  return (
    <div className={`field${wide ? ' field-wide' : ''}${error ? ' field-invalid' : ''}`}>
      <label htmlFor={inputId} className="field-label">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${inputId}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${inputId}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

export function describedBy(inputId: string, hint: string | undefined, error: string | undefined): string | undefined {
  if (error) return `${inputId}-error`
  return hint ? `${inputId}-hint` : undefined
}
