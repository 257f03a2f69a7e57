import type * as Y from 'yjs'
import { readReportingSettings } from '@guatu/shared/board/boardSettingsAccess'
import { listProposals, listSubmissions, reportingUnits, unitOfProject } from '@guatu/shared/board/reviewQueries'
import { readProject } from '@guatu/shared/board/projectQueries'
import { daysBetween, periodOf } from '@guatu/shared/domain/reportingPeriod'
import { todayInChina } from '@guatu/shared/domain/dates'
import { ProposalStatus } from '@guatu/shared/domain/proposal'
import { ReminderKind, type ReminderEvent } from '@guatu/shared/domain/reminderEvent'
import type { ProjectId } from '@guatu/shared/domain/project'
import type { ReminderSource } from '../reminders/reminderSource.ts'

/**
 * The reporting cycle's reminders, read from the board alone (no memory: the outbox keeps each
 * reminderKey once). The period is the one `now` falls in, by the calendar day in China — the
 * units' real day, not the board's 统计截止 (a board under review does not stop real deadlines).
 *
 * - periodOpened: to every unit that has not reported the current period;
 * - periodDueSoon: 3 days (3 or 2 left, in case a day was missed) and 1 day (1 or 0 left) before
 *   the deadline, to units that have not reported;
 * - periodOverdue: past the deadline, to units that still have not;
 * - proposalReturned: each return of a proposal still returned (a second return is a new event,
 *   by its time).
 *
 * A board without a reporting cycle gives none.
 */
export const reportingReminders: ReminderSource = {
  remindersDue(board: { boardId: string; doc: Y.Doc }, now: Date): readonly ReminderEvent[] {
    const settings = readReportingSettings(board.doc)
    if (!settings) return []
    const today = todayInChina(now)
    const period = periodOf(settings, today)
    const reported = new Set(listSubmissions(board.doc).flatMap((submission) => (submission.periodId === period.id ? [submission.unit] : [])))
    const events: ReminderEvent[] = []
    const daysLeft = daysBetween(today, period.deadline)
    for (const unit of reportingUnits(board.doc)) {
      if (reported.has(unit)) continue
      const base = { boardId: board.boardId, unit, periodId: period.id, periodLabel: period.label, deadline: period.deadline }
      events.push({ kind: ReminderKind.periodOpened, ...base })
      if (daysLeft === 3 || daysLeft === 2) events.push({ kind: ReminderKind.periodDueSoon, daysLeft: 3, ...base })
      if (daysLeft === 1 || daysLeft === 0) events.push({ kind: ReminderKind.periodDueSoon, daysLeft: 1, ...base })
      if (daysLeft < 0) events.push({ kind: ReminderKind.periodOverdue, ...base })
    }
    for (const proposal of listProposals(board.doc)) {
      if (proposal.status !== ProposalStatus.returned || !proposal.returnedAt) continue
      const unit = unitOfProject(board.doc, proposal.projectId)
      if (!unit) continue
      events.push({
        kind: ReminderKind.proposalReturned,
        boardId: board.boardId,
        unit,
        projectId: proposal.projectId,
        projectName: readProject(board.doc, proposal.projectId as ProjectId)?.name ?? '',
        proposalId: proposal.id,
        reason: proposal.returnReason ?? '',
        returnedAt: proposal.returnedAt,
        returnedByLabel: proposal.returnedByLabel ?? '',
      })
    }
    return events
  },
}
