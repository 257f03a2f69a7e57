import { useMemo } from 'react'
import { useFollowMeeting } from '../meeting/useFollowMeeting.ts'
import { useRunningMeeting } from '../meeting/useRunningMeeting.ts'
import type { BoardQuery } from './boardQuery.ts'
import { followQuery } from './followQuery.ts'

/** `query`, narrowed to the unit reporting in the running meeting while this browser follows it. */
export function useFollowedQuery(query: BoardQuery): BoardQuery {
  const following = useFollowMeeting()
  const reportingUnit = useRunningMeeting()?.reportingUnit
  const unit = following ? reportingUnit : undefined
  return useMemo(() => followQuery(query, unit), [query, unit])
}
