import { memo } from 'react'

/**
 * A labelled drop-down for one list page filter, with 全部 meaning "no filter" (the empty value).
 * Values outside `options` are never reported: the page's state stays within its closed set.
 */
function ChoiceFilterImpl<T extends string>({
  label,
  value,
  options,
  labelOf = (option) => option,
  onChange,
  testId,
}: {
  label: string
  value: T | ''
  options: readonly T[]
  labelOf?: (option: T) => string
  onChange: (value: T | '') => void
  testId: string
}) {
  return (
    <label className="filter-inline">
      {label}
      <select value={value} onChange={(event) => onChange(options.find((option) => option === event.target.value) ?? '')} data-testid={testId}>
        <option value="">全部</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {labelOf(option)}
          </option>
        ))}
      </select>
    </label>
  )
}

export const ChoiceFilter = memo(ChoiceFilterImpl) as typeof ChoiceFilterImpl
