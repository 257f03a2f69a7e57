import { useMemo } from 'react'
import { useFollowedUnit } from '../meeting/useFollowedUnit.ts'
import type { BoardQuery } from './boardQuery.ts'
import { followQuery } from './followQuery.ts'

/** `query`, narrowed to the unit reporting in the running meeting while this browser follows it. */
export function useFollowedQuery(query: BoardQuery): BoardQuery {
  const unit = useFollowedUnit()
  return useMemo(() => followQuery(query, unit), [query, unit])
}
