import type { BoardComparison } from '@guatu/shared/api/lookback'
import type { Decision } from '@guatu/shared/domain/decision'
import type { BoardTotals, Meeting } from '@guatu/shared/domain/meeting'
import type { Minutes, MinutesDecision, MinutesItem, MinutesNotice, MinutesProblem, UnitMinutes } from '@guatu/shared/domain/minutes'
import { NOTICE_LEVEL_LABEL, type Notice, type NoticeLevel } from '@guatu/shared/domain/notice'
import { PROBLEM_CATEGORY_LABEL, type Problem } from '@guatu/shared/domain/problem'
import type { Project } from '@guatu/shared/domain/project'
import { AuditAction, auditSummary, type StoredAuditEntry } from '../audit/auditRecord.ts'
import { netChanges } from './netChanges.ts'

/** The board as it stands: names, units, problems and notices the history entries point at. */
export interface MinutesBoard {
  projects: readonly Project[]
  problems: readonly Problem[]
  notices: readonly Notice[]
  /** The figures now, for a meeting still running (an ended one recorded its own). */
  totalsNow: BoardTotals
}

const levelLabel = (level: unknown) => NOTICE_LEVEL_LABEL[level as NoticeLevel] ?? String(level ?? '')

/**
 * Builds the minutes from the meeting record, its decisions and the board history written while it
 * ran (entries are server-attributed, so the minutes say who really did what). Project changes are
 * net over the meeting (see netChanges); a problem raised and deleted, or solved and reopened, within
 * the meeting leaves no line; a 督办单 appears once, at its level now, with its deadline. `history`
 * is the board's history within the meeting's time, oldest first.
 */
export function composeMinutes(
  meeting: Meeting,
  decisions: readonly Decision[],
  history: readonly StoredAuditEntry[],
  board: MinutesBoard,
  lookback: BoardComparison | null = null,
): Minutes {
  const byId = new Map(board.projects.map((project) => [project.id as string, project]))
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
  }
  for (const change of netChanges(history, nameOf)) unitEntry(unitOf(change.projectId)).changes.push(change)
  for (const problem of raisedProblems(history, board.problems, nameOf)) unitEntry(unitOf(problem.projectId)).problemsRaised.push(problem)
  for (const item of solvedProblems(history, nameOf)) unitEntry(unitOf(item.projectId)).problemsSolved.push(item)
  for (const notice of issuedNotices(history, board.notices, nameOf)) unitEntry(unitOf(notice.projectId)).noticesIssued.push(notice)
  const decisionLines = decisions.map((decision) => {
    const line: MinutesDecision = {
      projectName: nameOf(decision.projectId),
      content: decision.content,
      assignee: decision.assignee,
      deadline: decision.deadline,
    }
    unitEntry(unitOf(decision.projectId)).decisions.push(line)
    return line
  })
  const { id, title, date, attendees, agenda, chairLabel, startedAt, endedAt, status, location } = meeting
  return {
    meeting: { id, title, date, attendees, agenda, chairLabel, startedAt, endedAt, status, location },
    units: [...units.values()],
    decisions: decisionLines,
    totalsBefore: meeting.totalsBefore,
    totalsAfter: meeting.totalsAfter ?? board.totalsNow,
    lookback,
  }
}

/** Entries about one record (problem or notice), oldest first, in the order records first appear. */
function byRecord(history: readonly StoredAuditEntry[], actions: readonly string[]): Map<string, StoredAuditEntry[]> {
  const groups = new Map<string, StoredAuditEntry[]>()
  for (const entry of history) {
    if (!entry.recordId || !entry.projectId || !actions.includes(entry.action)) continue
    groups.set(entry.recordId, [...(groups.get(entry.recordId) ?? []), entry])
  }
  return groups
}

function raisedProblems(history: readonly StoredAuditEntry[], problems: readonly Problem[], nameOf: (id: string) => string): MinutesProblem[] {
  const byId = new Map(problems.map((problem) => [problem.id as string, problem]))
  const lines: MinutesProblem[] = []
  for (const [problemId, entries] of byRecord(history, [AuditAction.raiseProblem, AuditAction.deleteProblem])) {
    const raised = entries.find((entry) => entry.action === AuditAction.raiseProblem)
    const problem = byId.get(problemId)
    if (!raised || !problem) continue
    lines.push({
      at: raised.at,
      projectId: raised.projectId,
      projectName: nameOf(raised.projectId),
      actor: raised.actorLabel,
      description: problem.description,
      categoryLabel: PROBLEM_CATEGORY_LABEL[problem.category],
      leadUnit: problem.leadUnit,
      deadline: problem.deadline,
    })
  }
  return lines
}

function solvedProblems(history: readonly StoredAuditEntry[], nameOf: (id: string) => string): MinutesItem[] {
  const lines: MinutesItem[] = []
  for (const entries of byRecord(history, [AuditAction.solveProblem, AuditAction.reopenProblem]).values()) {
    const last = entries.at(-1)!
    if (last.action !== AuditAction.solveProblem) continue
    lines.push({ at: last.at, projectId: last.projectId, projectName: nameOf(last.projectId), actor: last.actorLabel, summary: auditSummary(last) })
  }
  return lines
}

function issuedNotices(history: readonly StoredAuditEntry[], notices: readonly Notice[], nameOf: (id: string) => string): MinutesNotice[] {
  const byId = new Map(notices.map((notice) => [notice.id as string, notice]))
  const lines: MinutesNotice[] = []
  for (const [noticeId, entries] of byRecord(history, [AuditAction.issueNotice, AuditAction.escalateNotice])) {
    const notice = byId.get(noticeId)
    const first = entries[0]!
    if (!notice) continue
    const issuedHere = first.action === AuditAction.issueNotice
    const before = issuedHere ? undefined : levelLabel(first.from)
    const now = levelLabel(notice.level)
    lines.push({
      at: entries.at(-1)!.at,
      projectId: first.projectId,
      projectName: nameOf(first.projectId),
      actor: first.actorLabel,
      levelLabel: now,
      escalatedFrom: before !== undefined && before !== now ? before : undefined,
      requirement: notice.requirement,
      deadline: notice.deadline,
    })
  }
  return lines
}
