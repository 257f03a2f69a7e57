import type * as Y from 'yjs'
import type { Decision, DecisionFields, DecisionId } from '../domain/decision.ts'
import { MeetingStatus, type Meeting, type MeetingFields, type MeetingId } from '../domain/meeting.ts'
import { RecordCollection, type RecordMap } from './boardDoc.ts'
import { readCollection, readRecordFields } from './recordReader.ts'

export function meetingFromMap(id: MeetingId, map: RecordMap): Meeting | undefined {
  const fields = readRecordFields(RecordCollection.meetings, map)
  return fields && { ...(fields as MeetingFields), id }
}

/** Every readable meeting, newest first. */
export function listMeetings(doc: Y.Doc): Meeting[] {
  return readCollection(doc, RecordCollection.meetings, (id, map) => meetingFromMap(id as MeetingId, map)).sort((a, b) =>
    a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0,
  )
}

/** The meeting in progress, if any (the newest running one). */
export function runningMeeting(doc: Y.Doc): Meeting | undefined {
  return listMeetings(doc).find((meeting) => meeting.status === MeetingStatus.running)
}

export function decisionFromMap(id: DecisionId, map: RecordMap): Decision | undefined {
  const fields = readRecordFields(RecordCollection.decisions, map)
  return fields && { ...(fields as DecisionFields), id }
}

/** Decisions (of one meeting, or all), in the order they were taken. */
export function listDecisions(doc: Y.Doc, meetingId?: MeetingId): Decision[] {
  return readCollection(doc, RecordCollection.decisions, (id, map) => decisionFromMap(id as DecisionId, map))
    .filter((decision) => meetingId === undefined || decision.meetingId === meetingId)
    .sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0))
}
