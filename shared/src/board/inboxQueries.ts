import type * as Y from 'yjs'
import type { IsoDate } from '../domain/dates.ts'
import { NoticeStatus } from '../domain/notice.ts'
import { canEditProjectOfUnit, canManageBoards } from '../domain/permissions.ts'
import type { Principal } from '../domain/principal.ts'
import { ProblemStatus } from '../domain/problem.ts'
import { ProposalStatus } from '../domain/proposal.ts'
import { PeriodStatus, periodOf } from '../domain/reportingPeriod.ts'
import { readReportingSettings } from './boardSettingsAccess.ts'
import { listNotices } from './noticeQueries.ts'
import { listProblems } from './problemQueries.ts'
import { listProposals, periodStatuses, unitOfProject } from './reviewQueries.ts'

/** What 我的待办 lists. */
export const InboxKind = {
  /** Office: proposals waiting for 审核. */
  review: 'review',
  /** Office: units past the deadline without a 报送. */
  overdueUnit: 'overdueUnit',
  /** Unit: this period still to report (未报 / 逾期). */
  report: 'report',
  /** Unit: a proposal returned, to correct and resubmit. */
  returned: 'returned',
  /** Unit: an open 督办单 with no answer yet. */
  notice: 'notice',
  /** Unit: an open problem whose 解决时限 is today or past. */
  problemDue: 'problemDue',
} as const
export type InboxKind = (typeof InboxKind)[keyof typeof InboxKind]
export const INBOX_KIND_LABEL: Record<InboxKind, string> = {
  review: '待审核',
  overdueUnit: '逾期未报',
  report: '本期待报送',
  returned: '被退回',
  notice: '督办待答复',
  problemDue: '问题到期',
}

export interface InboxItem {
  readonly kind: InboxKind
  /** The unit it concerns (the office's items name the unit; a unit's its own). */
  readonly unit: string
  readonly projectId?: string
  /** The record (proposal, notice, problem) it is about, for a stable key. */
  readonly key: string
}

/**
 * 我的待办 for `principal` on `today` (the real calendar day in China): the office reviews and
 * chases overdue units; a unit reports, corrects returned items, answers 督办单 and solves problems
 * due. Leaders and screens have none. Derived from the board; nothing is stored.
 */
export function inboxItems(doc: Y.Doc, principal: Principal, today: IsoDate): InboxItem[] {
  if (principal.kind !== 'user') return []
  const office = canManageBoards(principal)
  const mine = (unit: string) => !office && canEditProjectOfUnit(principal, unit)
  const items: InboxItem[] = []
  const settings = readReportingSettings(doc)
  if (settings) {
    const units = periodStatuses(doc, settings, periodOf(settings, today), today)
    for (const unit of units) {
      if (office && unit.status === PeriodStatus.overdue) items.push({ kind: InboxKind.overdueUnit, unit: unit.unit, key: `overdue:${unit.unit}` })
      if (mine(unit.unit) && !unit.submission) items.push({ kind: InboxKind.report, unit: unit.unit, key: `report:${unit.unit}` })
    }
    for (const proposal of listProposals(doc)) {
      const unit = unitOfProject(doc, proposal.projectId)
      if (office && proposal.status === ProposalStatus.pending) items.push({ kind: InboxKind.review, unit, projectId: proposal.projectId, key: proposal.id })
      if (mine(unit) && proposal.status === ProposalStatus.returned)
        items.push({ kind: InboxKind.returned, unit, projectId: proposal.projectId, key: proposal.id })
    }
  }
  if (office) return items
  for (const notice of listNotices(doc)) {
    const unit = unitOfProject(doc, notice.projectId)
    if (mine(unit) && notice.status === NoticeStatus.open && notice.repliedAt === undefined)
      items.push({ kind: InboxKind.notice, unit, projectId: notice.projectId, key: notice.id })
  }
  for (const problem of listProblems(doc)) {
    const unit = unitOfProject(doc, problem.projectId)
    if (mine(unit) && problem.status === ProblemStatus.open && problem.deadline !== undefined && problem.deadline <= today)
      items.push({ kind: InboxKind.problemDue, unit, projectId: problem.projectId, key: problem.id })
  }
  return items
}
