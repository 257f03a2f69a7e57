import { useFollowMeeting } from './useFollowMeeting.ts'
import { useRunningMeeting } from './useRunningMeeting.ts'

/** The unit reporting in the running meeting while this browser follows it; undefined otherwise. */
export function useFollowedUnit(): string | undefined {
  const following = useFollowMeeting()
  const reportingUnit = useRunningMeeting()?.reportingUnit
  return following ? reportingUnit : undefined
}
