import type { BoardComparison } from '../api/lookback.ts'
import type { BoardTotals, Meeting } from './meeting.ts'
import type { Stage } from './stage.ts'

/** A field's value before and after, as a person reads it ("2033.00万元", "2022年8月22日"). */
export interface MinutesFieldChange {
  field: string
  label: string
  from: string
  to: string
}

/** A stage change over the whole meeting; `back` is a 退回 (to an earlier stage). */
export interface MinutesMove {
  from: Stage
  to: Stage
  back: boolean
  /** The actual dates the move stamped (实际开工时间 …): part of the move, not lines of their own. */
  dates: MinutesFieldChange[]
}

export const MinutesChangeKind = { created: 'created', deleted: 'deleted', changed: 'changed' } as const
export type MinutesChangeKind = (typeof MinutesChangeKind)[keyof typeof MinutesChangeKind]

/**
 * One project's net change over the meeting: a typo and its correction are one edit, a move and its
 * undo are nothing. The entries behind it stay in the project's history; `foldedEntries` counts those
 * the line does not show one by one.
 */
export interface MinutesChange {
  projectId: string
  projectName: string
  kind: MinutesChangeKind
  move?: MinutesMove
  fields: MinutesFieldChange[]
  /** Who made the entries behind the line, in the order they first acted. */
  actors: string[]
  /** The last entry's time. */
  at: string
  foldedEntries: number
  /** The line as the minutes print it, the same on the web and in Word. */
  summary: string
}

/** A problem raised in the meeting, with what the office needs to chase it (对账销号). */
export interface MinutesProblem {
  at: string
  projectId: string
  projectName: string
  actor: string
  description: string
  categoryLabel: string
  leadUnit: string
  /** IsoDate; absent when raised without a 时限. */
  deadline?: string
}

/** A 督办单 issued or escalated in the meeting, at its level now. */
export interface MinutesNotice {
  at: string
  projectId: string
  projectName: string
  actor: string
  levelLabel: string
  /** The level it had before when escalated in the meeting ("蓝色督办"). */
  escalatedFrom?: string
  requirement: string
  deadline: string
}

/** A problem closed (销号) in the meeting. */
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
  changes: MinutesChange[]
  decisions: MinutesDecision[]
  problemsRaised: MinutesProblem[]
  problemsSolved: MinutesItem[]
  noticesIssued: MinutesNotice[]
}

/**
 * 会议纪要: who attended, what each unit changed and was asked to do, and the board before and
 * after — as the server composes it and `GET …/meetings/:meetingId/minutes` answers it.
 */
export interface Minutes {
  meeting: Pick<Meeting, 'id' | 'title' | 'date' | 'attendees' | 'agenda' | 'chairLabel' | 'startedAt' | 'endedAt' | 'status' | 'location'>
  units: UnitMinutes[]
  /** 确定事项清单: every decision, in the order taken. */
  decisions: MinutesDecision[]
  totalsBefore: BoardTotals
  totalsAfter: BoardTotals
  /**
   * 回头看: what changed from the end of the previous meeting to this one's start, and the previous
   * meeting's 确定事项 done or overdue; null for the first meeting (or one beyond kept history).
   */
  lookback: BoardComparison | null
}

/** Section titles, numbered by chineseNumeral: the web page and the Word file print the same. */
export const MINUTES_SECTION = {
  decisions: '确定事项清单',
  units: '各单位汇报及调度情况',
  totals: '会前会后总体情况',
  lookback: '回头看（上次会议以来）',
} as const

/** A unit's parts, in the order both renderings print them. */
export const UNIT_PART = ['changes', 'problemsRaised', 'problemsSolved', 'noticesIssued', 'decisions'] as const
export type UnitPart = (typeof UNIT_PART)[number]
export const UNIT_PART_LABEL: Record<UnitPart, string> = {
  changes: '项目变化',
  problemsRaised: '新提出问题',
  problemsSolved: '问题销号',
  noticesIssued: '督办事项',
  decisions: '确定事项',
}

const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/** 1 → 一, 12 → 十二, 25 → 二十五: how 公文 number their sections (一、 and （一）). */
export function chineseNumeral(value: number): string {
  if (value <= 10) return NUMERALS[value] ?? String(value)
  if (value < 20) return `十${NUMERALS[value - 10]}`
  if (value < 100) return `${NUMERALS[Math.floor(value / 10)]}十${value % 10 === 0 ? '' : NUMERALS[value % 10]}`
  return String(value)
}
