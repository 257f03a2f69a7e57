import { useMemo } from 'react'
import { useRunningMeeting } from '../meeting/useRunningMeeting.ts'

/** What the screen needs of the 调度会 in progress. */
export interface MeetingNow {
  readonly title: string
  /** The unit reporting now; absent between two reports. */
  readonly reportingUnit?: string
}

/**
 * The running meeting (its title and the unit reporting now), or undefined when none runs. Read
 * through the view store, which keeps the meeting's identity until its record changes, so the
 * header re-renders only when the meeting does.
 */
export function useMeetingNow(): MeetingNow | undefined {
  const meeting = useRunningMeeting()
  const title = meeting?.title
  const reportingUnit = meeting?.reportingUnit
  return useMemo(() => {
    if (title === undefined) return undefined
    return reportingUnit ? { title, reportingUnit } : { title }
  }, [title, reportingUnit])
}
