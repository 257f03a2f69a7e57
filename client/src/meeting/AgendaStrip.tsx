import { memo } from 'react'

/**
 * The reporting order, the unit speaking marked. For the project office each item is a button
 * that calls that unit; for everyone else it is plain text.
 */
export const AgendaStrip = memo(function AgendaStrip({
  agenda,
  reportingUnit,
  onCall,
}: {
  agenda: readonly string[]
  reportingUnit: string | undefined
  onCall: ((unit: string) => void) | undefined
}) {
  return (
    <ol className="meeting-agenda" aria-label="汇报顺序">
      {agenda.map((unit, index) => {
        const current = unit === reportingUnit
        const label = `${index + 1}. ${unit}`
        return (
          <li key={unit} className={current ? 'meeting-agenda-item current' : 'meeting-agenda-item'} aria-current={current ? 'step' : undefined}>
            {onCall ? (
              <button type="button" onClick={() => onCall(unit)} aria-pressed={current} data-testid={`meeting-report-${unit}`}>
                {label}
              </button>
            ) : (
              <span data-testid={`meeting-report-${unit}`}>{label}</span>
            )}
          </li>
        )
      })}
    </ol>
  )
})
