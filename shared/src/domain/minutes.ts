import type { BoardTotals, Meeting } from './meeting.ts'

/** One line of the minutes, from the board's server-attributed history. */
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

/** One unit's part of the minutes, in reporting order. */
export interface UnitMinutes {
  unit: string
  reported: boolean
  changes: MinutesItem[]
  decisions: MinutesDecision[]
  problemsRaised: MinutesItem[]
  problemsSolved: MinutesItem[]
  noticesIssued: MinutesItem[]
}

/**
 * 会议纪要: who attended, what each unit changed and was asked to do, and the board before and
 * after — as the server composes it and `GET …/meetings/:meetingId/minutes` answers it.
 */
export interface Minutes {
  meeting: Pick<Meeting, 'id' | 'title' | 'date' | 'attendees' | 'agenda' | 'chairLabel' | 'startedAt' | 'endedAt' | 'status'>
  units: UnitMinutes[]
  /** 确定事项清单: every decision, in the order taken. */
  decisions: MinutesDecision[]
  totalsBefore: BoardTotals
  totalsAfter: BoardTotals
}
