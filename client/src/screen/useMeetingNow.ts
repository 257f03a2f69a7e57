import { useMemo, useSyncExternalStore } from 'react'
import { collectionRoot, RecordCollection } from '@guatu/shared/board/boardDoc'
import { runningMeeting } from '@guatu/shared/board/meetingQueries'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { createDocValueStore } from './docValueStore.ts'

/** What the screen needs of the 调度会 in progress. */
export interface MeetingNow {
  readonly title: string
  /** The unit reporting now; absent between two reports. */
  readonly reportingUnit?: string
}

function readMeetingNow(meeting: ReturnType<typeof runningMeeting>): MeetingNow | undefined {
  if (!meeting) return undefined
  return meeting.reportingUnit ? { title: meeting.title, reportingUnit: meeting.reportingUnit } : { title: meeting.title }
}

const sameMeeting = (a: MeetingNow | undefined, b: MeetingNow | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.title === b.title && a.reportingUnit === b.reportingUnit)

/** The running meeting (its title and the unit reporting now), or undefined when none runs. */
export function useMeetingNow(): MeetingNow | undefined {
  const { doc } = useBoardConnection()
  const store = useMemo(
    () => createDocValueStore(collectionRoot(doc, RecordCollection.meetings), () => readMeetingNow(runningMeeting(doc)), sameMeeting),
    [doc],
  )
  return useSyncExternalStore(store.subscribe, store.get)
}
