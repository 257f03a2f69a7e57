import { memo, type KeyboardEvent } from 'react'
import { moveInAgenda } from './agendaOrder.ts'

/**
 * The reporting order of the units ticked as attendees. Reordered with 上移 / 下移, or from the
 * keyboard with Alt+↑ / Alt+↓ on an item; the focus stays on the unit moved.
 */
export const AgendaEditor = memo(function AgendaEditor({ agenda, onChange }: { agenda: readonly string[]; onChange: (next: string[]) => void }) {
  if (agenda.length === 0) return <p className="agenda-empty">请先勾选参会单位。</p>
  const move = (unit: string, offset: -1 | 1, event?: KeyboardEvent<HTMLLIElement>) => {
    onChange(moveInAgenda(agenda, unit, offset))
    const item = event?.currentTarget
    // After React re-renders the list, the moved unit's item is at its new place; keep it focused.
    if (item) requestAnimationFrame(() => item.parentElement?.querySelector<HTMLElement>(`[data-unit="${CSS.escape(unit)}"]`)?.focus())
  }
  return (
    <ol className="agenda-editor" aria-label="汇报顺序（Alt+↑/↓ 调整）" data-testid="meeting-agenda">
      {agenda.map((unit, index) => (
        <li
          key={unit}
          tabIndex={0}
          data-unit={unit}
          data-testid={`meeting-agenda-${unit}`}
          onKeyDown={(event) => {
            if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return
            event.preventDefault()
            move(unit, event.key === 'ArrowUp' ? -1 : 1, event)
          }}
        >
          <span className="agenda-position">{index + 1}</span>
          <span className="agenda-unit">{unit}</span>
          <button type="button" disabled={index === 0} onClick={() => move(unit, -1)} aria-label={`${unit} 上移`}>
            上移
          </button>
          <button type="button" disabled={index === agenda.length - 1} onClick={() => move(unit, 1)} aria-label={`${unit} 下移`}>
            下移
          </button>
        </li>
      ))}
    </ol>
  )
})
