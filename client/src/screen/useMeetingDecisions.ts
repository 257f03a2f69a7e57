import { useCallback, useMemo, useSyncExternalStore } from 'react'
import type { Decision } from '@guatu/shared/domain/decision'
import type { ProjectId } from '@guatu/shared/domain/project'
import { NO_DECISIONS } from '../sync/meetingIndex.ts'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { useRunningMeeting } from '../meeting/useRunningMeeting.ts'

/** The project of every 确定事项 recorded in the running meeting, in order (none between meetings). */
export function useMeetingDecisionProjects(): readonly ProjectId[] {
  const { view } = useBoardConnection()
  const meetingId = useRunningMeeting()?.id
  const read = useCallback((): readonly Decision[] => (meetingId === undefined ? NO_DECISIONS : view.getDecisionsOfMeeting(meetingId)), [view, meetingId])
  // The store keeps the meeting's list until one of its decisions changes, so this mapping runs
  // only then, and the unit-turn figures memoized on it stay put otherwise.
  const decisions = useSyncExternalStore(view.subscribe, read)
  return useMemo(() => decisions.map((decision) => decision.projectId), [decisions])
}
