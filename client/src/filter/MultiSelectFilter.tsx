import { memo, useEffect, useId, useRef, type ReactNode } from 'react'
import type { FilterOption } from './filterOptions.ts'

/**
 * A drop-down list of checkboxes for one filter (责任单位, 包抓领导 …). The summary says what is
 * chosen, so a board projected in a meeting shows its filter without opening anything. Each
 * checkbox is `<testId>-option-<value>` for scripted checks.
 */
export const MultiSelectFilter = memo(function MultiSelectFilter<T extends string>({
  label,
  testId,
  options,
  selected,
  onChange,
}: {
  label: string
  testId: string
  options: readonly FilterOption<T>[]
  selected: readonly T[]
  onChange: (next: T[]) => void
}) {
  const ref = useRef<HTMLDetailsElement>(null)
  const listId = useId()
  useEffect(() => {
    const closeOnOutside = (event: PointerEvent) => {
      const details = ref.current
      if (details?.open && event.target instanceof Node && !details.contains(event.target)) details.open = false
    }
    document.addEventListener('pointerdown', closeOnOutside)
    return () => document.removeEventListener('pointerdown', closeOnOutside)
  }, [])
  const chosenLabels = options.filter((option) => selected.includes(option.value)).map((option) => option.label)
  // A value from a shared link that no project has any more still shows, so it can be unticked.
  const stale = selected.filter((value) => !options.some((option) => option.value === value))
  const all: readonly FilterOption<T>[] = [...options, ...stale.map((value) => ({ value, label: value }))]
  const summary =
    selected.length === 0 ? '全部' : selected.length <= 2 ? [...chosenLabels, ...stale].join('、') : `${chosenLabels[0] ?? stale[0]} 等${selected.length}个`
  const toggle = (value: T, on: boolean) => onChange(on ? [...selected, value] : selected.filter((chosen) => chosen !== value))
  return (
    <details ref={ref} className={`filter-menu${selected.length > 0 ? ' filter-active' : ''}`} data-testid={testId}>
      <summary aria-controls={listId}>
        <span className="filter-menu-label">{label}</span>
        <span className="filter-menu-value">{summary}</span>
      </summary>
      <div id={listId} className="filter-menu-list" role="group" aria-label={label}>
        {all.length === 0 && <p className="filter-menu-empty">看板上暂无可选项</p>}
        {all.map((option) => (
          <label key={option.value} className="filter-option">
            <input
              type="checkbox"
              checked={selected.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
              data-testid={`${testId}-option-${option.value}`}
            />
            {option.label}
          </label>
        ))}
        {selected.length > 0 && (
          <button type="button" className="link-button" onClick={() => onChange([])}>
            清除「{label}」
          </button>
        )}
      </div>
    </details>
  )
}) as <T extends string>(props: {
  label: string
  testId: string
  options: readonly FilterOption<T>[]
  selected: readonly T[]
  onChange: (next: T[]) => void
}) => ReactNode
