import { boardTotals } from '@guatu/shared/board/meetingCommands'
import type { Decision } from '@guatu/shared/domain/decision'
import type { Meeting } from '@guatu/shared/domain/meeting'
import type { Minutes, MinutesDecision, MinutesItem, UnitMinutes } from '@guatu/shared/domain/minutes'
import type { Project } from '@guatu/shared/domain/project'
import { AuditAction, auditSummary, type StoredAuditEntry } from '../audit/auditRecord.ts'

const PROBLEM_RAISED: readonly string[] = [AuditAction.raiseProblem]
const PROBLEM_SOLVED: readonly string[] = [AuditAction.solveProblem]
const NOTICE_ISSUED: readonly string[] = [AuditAction.issueNotice, AuditAction.escalateNotice]
/** Meeting bookkeeping and decisions have their own sections; reordering inside a column is noise. */
const NOT_A_CHANGE: readonly string[] = [
  AuditAction.startMeeting,
  AuditAction.meetingReporting,
  AuditAction.endMeeting,
  AuditAction.recordDecision,
  AuditAction.editDecision,
  AuditAction.deleteDecision,
  AuditAction.reorder,
]

/**
 * Builds the minutes from the meeting record, its decisions and the board history written while it
 * ran (entries are server-attributed, so the minutes say who really did what). `history` is the
 * board's history within the meeting's time, oldest first.
 */
export function composeMinutes(meeting: Meeting, decisions: readonly Decision[], history: readonly StoredAuditEntry[], projects: readonly Project[]): Minutes {
  const byId = new Map(projects.map((project) => [project.id as string, project]))
  const unitOf = (projectId: string) => byId.get(projectId)?.unit ?? '（已删除项目）'
  const nameOf = (projectId: string, fallback?: unknown) => byId.get(projectId)?.name ?? (typeof fallback === 'string' ? fallback : projectId)
  const order = [...meeting.agenda, ...meeting.attendees.filter((unit) => !meeting.agenda.includes(unit))]
  const units = new Map<string, UnitMinutes>()
  const unitEntry = (unit: string) => {
    let entry = units.get(unit)
    if (!entry) {
      entry = { unit, reported: false, changes: [], decisions: [], problemsRaised: [], problemsSolved: [], noticesIssued: [] }
      units.set(unit, entry)
    }
    return entry
  }
  for (const unit of order) unitEntry(unit)
  for (const entry of history) {
    if (entry.action === AuditAction.meetingReporting && typeof entry.to === 'string' && entry.recordId === meeting.id) unitEntry(entry.to).reported = true
    if (!entry.projectId || NOT_A_CHANGE.includes(entry.action)) continue
    const item: MinutesItem = { at: entry.at, projectId: entry.projectId, projectName: nameOf(entry.projectId, entry.action === AuditAction.delete ? entry.from : undefined), actor: entry.actorLabel, summary: auditSummary(entry) }
    const target = unitEntry(unitOf(entry.projectId))
    if (PROBLEM_RAISED.includes(entry.action)) target.problemsRaised.push(item)
    else if (PROBLEM_SOLVED.includes(entry.action)) target.problemsSolved.push(item)
    else if (NOTICE_ISSUED.includes(entry.action)) target.noticesIssued.push(item)
    else target.changes.push(item)
  }
  const decisionLines = decisions.map((decision) => {
    const line: MinutesDecision = { projectName: nameOf(decision.projectId), content: decision.content, assignee: decision.assignee, deadline: decision.deadline }
    unitEntry(unitOf(decision.projectId)).decisions.push(line)
    return line
  })
  const { id, title, date, attendees, agenda, chairLabel, startedAt, endedAt, status } = meeting
  return {
    meeting: { id, title, date, attendees, agenda, chairLabel, startedAt, endedAt, status },
    units: [...units.values()],
    decisions: decisionLines,
    totalsBefore: meeting.totalsBefore,
    totalsAfter: meeting.totalsAfter ?? boardTotals(projects),
  }
}
