import { useMemo, useRef } from 'react'
import { useBoardColumns } from '../sync/useBoardColumns.ts'
import { filterOptionsOf, sameOptions, type FilterOptions } from './filterOptions.ts'

/** The values present on the board for each filter menu; a stable object while they do not change. */
export function useFilterOptions(): FilterOptions {
  const columns = useBoardColumns()
  const previous = useRef<FilterOptions | null>(null)
  return useMemo(() => {
    const next = filterOptionsOf(columns)
    if (previous.current && sameOptions(previous.current, next)) return previous.current
    previous.current = next
    return next
  }, [columns])
}
