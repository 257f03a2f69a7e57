import type * as Y from 'yjs'
import { readReportingSettings } from '@guatu/shared/board/boardSettingsAccess'
import { readProject } from '@guatu/shared/board/projectQueries'
import { listProposals, periodStatuses, unitOfProject } from '@guatu/shared/board/reviewQueries'
import { todayInChina } from '@guatu/shared/domain/dates'
import type { ProjectId } from '@guatu/shared/domain/project'
import { Cadence, PeriodStatus, periodById, periodOf, type ReportingPeriod, type ReportingSettings } from '@guatu/shared/domain/reportingPeriod'
import type { BoardService } from '../boards/boardService.ts'
import type { PeriodStatusReader, PeriodStatusSummary, ReportMonth } from '../reports/monthlyReport.ts'

const NOT_REPORTED: ReadonlySet<PeriodStatus> = new Set([PeriodStatus.notReported, PeriodStatus.overdue])

/** The month's periods: the month itself, or every week whose deadline falls in it. */
function periodsOfMonth(settings: ReportingSettings, month: ReportMonth): ReportingPeriod[] {
  const prefix = `${month.year}-${String(month.month).padStart(2, '0')}`
  if (settings.cadence === Cadence.monthly) return [periodById(prefix, settings)].filter((period) => period !== undefined)
  const periods = new Map<string, ReportingPeriod>()
  for (let day = 1; day <= 31; day++) {
    const date = `${prefix}-${String(day).padStart(2, '0')}`
    if (Number.isNaN(Date.parse(date)) || new Date(date).getUTCMonth() + 1 !== month.month) continue
    const period = periodOf(settings, date as ReturnType<typeof todayInChina>)
    if (period.deadline.startsWith(prefix)) periods.set(period.id, period)
  }
  return [...periods.values()]
}

/**
 * 报送情况 of a month for the 月报, from the board's reporting cycle: units that did not report in
 * one of the month's periods (未报 or 逾期), and the proposals the office returned during the month
 * with their reasons. Undefined when the board has no reporting cycle.
 */
export function monthlyPeriodStatus(doc: Y.Doc, month: ReportMonth, now = new Date()): PeriodStatusSummary | undefined {
  const settings = readReportingSettings(doc)
  if (!settings) return undefined
  const today = todayInChina(now)
  const notReported = new Set<string>()
  for (const period of periodsOfMonth(settings, month)) {
    if (period.opensOn > today) continue
    for (const unit of periodStatuses(doc, settings, period, today)) if (NOT_REPORTED.has(unit.status)) notReported.add(unit.unit)
  }
  const prefix = `${month.year}-${String(month.month).padStart(2, '0')}`
  const returned = listProposals(doc)
    .filter((proposal) => proposal.returnedAt !== undefined && todayInChina(new Date(proposal.returnedAt)).startsWith(prefix))
    .map((proposal) => ({
      unit: unitOfProject(doc, proposal.projectId),
      projectName: readProject(doc, proposal.projectId as ProjectId)?.name ?? proposal.projectId,
      reason: proposal.returnReason ?? '',
    }))
  return { notReported: [...notReported].sort((a, b) => a.localeCompare(b, 'zh-CN')), returned }
}

/** The 月报's extension point, filled from the live board. */
export function periodStatusReader(boards: BoardService): PeriodStatusReader {
  return async (boardId, month) => (await boards.withDoc(boardId, (doc) => monthlyPeriodStatus(doc, month))) ?? undefined
}
