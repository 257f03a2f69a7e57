import type { BoardTotals, Meeting } from '@guatu/shared/domain/meeting'
import { downloadFile, requestJson } from '../api/http.ts'

/** One line of the minutes, from the board's server-attributed history (server/src/meetings/minutes.ts). */
export interface MinutesItem {
  at: string
  projectId: string
  projectName: string
  actor: string
  summary: string
}

export interface MinutesDecision {
  projectName: string
  content: string
  assignee: string
  deadline: string
}

export interface UnitMinutes {
  unit: string
  reported: boolean
  changes: MinutesItem[]
  decisions: MinutesDecision[]
  problemsRaised: MinutesItem[]
  problemsSolved: MinutesItem[]
  noticesIssued: MinutesItem[]
}

/** 会议纪要 as `GET …/meetings/:meetingId/minutes` answers it. */
export interface Minutes {
  meeting: Pick<Meeting, 'id' | 'title' | 'date' | 'attendees' | 'agenda' | 'chairLabel' | 'startedAt' | 'endedAt' | 'status'>
  units: UnitMinutes[]
  decisions: MinutesDecision[]
  totalsBefore: BoardTotals
  totalsAfter: BoardTotals
}

const minutesPath = (boardId: string, meetingId: string) =>
  `/api/boards/${encodeURIComponent(boardId)}/meetings/${encodeURIComponent(meetingId)}/minutes`

export function fetchMinutes(boardId: string, meetingId: string, signal?: AbortSignal): Promise<Minutes> {
  return requestJson<Minutes>(minutesPath(boardId, meetingId), signal ? { signal } : {})
}

/** The minutes as a Word document (导出Word). */
export function downloadMinutesDocx(boardId: string, meetingId: string, title: string): Promise<string> {
  return downloadFile(`${minutesPath(boardId, meetingId)}.docx`, `${title}会议纪要.docx`)
}
