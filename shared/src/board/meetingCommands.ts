import * as Y from 'yjs'
import type { IsoDate } from '../domain/dates.ts'
import { DecisionStatus, newDecisionId, type DecisionId } from '../domain/decision.ts'
import { MeetingStatus, newMeetingId, type BoardTotals, type MeetingId } from '../domain/meeting.ts'
import { addCents, wanToCents } from '../domain/money.ts'
import { principalId, principalLabel, type Principal } from '../domain/principal.ts'
import type { Project, ProjectId } from '../domain/project.ts'
import { RecordCollection, collectionRoot } from './boardDoc.ts'
import { ProjectValidationError, type CommandOptions } from './commandOptions.ts'
import { checkRecordField } from './recordSchemas.ts'

type Clock = CommandOptions & { now?: Date }

function writeRecord(doc: Y.Doc, collection: RecordCollection, id: string, values: Record<string, unknown>, origin: unknown): void {
  for (const [field, value] of Object.entries(values)) {
    if (value === undefined) continue
    const problem = checkRecordField(collection, field, value)
    if (problem) throw new ProjectValidationError(field, problem)
  }
  const root = collectionRoot(doc, collection)
  doc.transact(() => {
    let map = root.get(id)
    if (!map) {
      map = new Y.Map<unknown>()
      root.set(id, map)
    }
    for (const [field, value] of Object.entries(values)) {
      if (value === undefined) map.delete(field)
      else map.set(field, value)
    }
  }, origin)
}

/** Count and 总投资 per stage right now: the "before" and "after" lines of the minutes. */
export function boardTotals(projects: readonly Project[]): BoardTotals {
  const byStage: BoardTotals['byStage'] = {}
  let totalInvestmentCents = 0
  for (const project of projects) {
    const cents = wanToCents(project.totalInvestment)
    totalInvestmentCents = addCents(totalInvestmentCents, cents)
    const stage = (byStage[project.stage] ??= { count: 0, investmentCents: 0 })
    stage.count += 1
    stage.investmentCents = addCents(stage.investmentCents, cents)
  }
  return { projectCount: projects.length, totalInvestmentCents, byStage }
}

export interface NewMeeting {
  title: string
  date: IsoDate
  attendees: string[]
  agenda: string[]
  /** 地点; optional, as older meetings have none. */
  location?: string
}

/** The project office opens a meeting, recording the board totals it starts from. */
export function startMeeting(
  doc: Y.Doc,
  meeting: NewMeeting,
  totalsBefore: BoardTotals,
  actor: Principal,
  options: Clock & { id?: MeetingId } = {},
): MeetingId {
  const id = options.id ?? newMeetingId()
  writeRecord(
    doc,
    RecordCollection.meetings,
    id,
    {
      ...meeting,
      status: MeetingStatus.running,
      startedAt: (options.now ?? new Date()).toISOString(),
      chairId: principalId(actor),
      chairLabel: principalLabel(actor),
      totalsBefore,
    },
    options.origin,
  )
  return id
}

/** "Now reporting: 工信局" — every participant following the meeting filters to that unit. */
export function setReportingUnit(doc: Y.Doc, id: MeetingId, unit: string | undefined, options: CommandOptions = {}): void {
  if (!collectionRoot(doc, RecordCollection.meetings).has(id)) throw new ProjectValidationError('id', `会议不存在：${id}`)
  writeRecord(doc, RecordCollection.meetings, id, { reportingUnit: unit }, options.origin)
}

export function endMeeting(doc: Y.Doc, id: MeetingId, totalsAfter: BoardTotals, options: Clock = {}): void {
  if (!collectionRoot(doc, RecordCollection.meetings).has(id)) throw new ProjectValidationError('id', `会议不存在：${id}`)
  writeRecord(
    doc,
    RecordCollection.meetings,
    id,
    {
      status: MeetingStatus.ended,
      reportingUnit: undefined,
      endedAt: (options.now ?? new Date()).toISOString(),
      totalsAfter,
    },
    options.origin,
  )
}

export interface NewDecision {
  meetingId: MeetingId
  projectId: ProjectId
  content: string
  assignee: string
  deadline: IsoDate
}

/** 确定事项 on a card: who does what by when, in the project office's name. */
export function recordDecision(doc: Y.Doc, decision: NewDecision, actor: Principal, options: Clock & { id?: DecisionId } = {}): DecisionId {
  const id = options.id ?? newDecisionId()
  writeRecord(
    doc,
    RecordCollection.decisions,
    id,
    {
      ...decision,
      recordedById: principalId(actor),
      recordedByLabel: principalLabel(actor),
      recordedAt: (options.now ?? new Date()).toISOString(),
    },
    options.origin,
  )
  return id
}

/** The 交办单位 reports a 确定事项 done: by `actor`, now (the server stamps both). */
export function markDecisionDone(doc: Y.Doc, id: DecisionId, actor: Principal, options: Clock = {}): void {
  const map = collectionRoot(doc, RecordCollection.decisions).get(id)
  if (!map) throw new ProjectValidationError('status', '确定事项不存在')
  doc.transact(() => {
    map.set('status', DecisionStatus.done)
    map.set('doneById', principalId(actor))
    map.set('doneByLabel', principalLabel(actor))
    map.set('doneAt', (options.now ?? new Date()).toISOString())
  }, options.origin)
}
