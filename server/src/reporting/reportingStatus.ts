import type * as Y from 'yjs'
import type { ReportingStatusResponse } from '@guatu/shared/api/reporting'
import { readReportingSettings } from '@guatu/shared/board/boardSettingsAccess'
import { listProposals, periodStatuses } from '@guatu/shared/board/reviewQueries'
import { todayInChina } from '@guatu/shared/domain/dates'
import { ProposalStatus } from '@guatu/shared/domain/proposal'
import { deadlineRuleText, periodById, periodOf } from '@guatu/shared/domain/reportingPeriod'

/**
 * Every unit's standing in a period (the current one, by the calendar day in China, unless
 * `periodId` names another), or 'badPeriod' when `periodId` is not one of the board's cadence.
 */
export function reportingStatus(doc: Y.Doc, periodId: string | undefined, now: Date = new Date()): ReportingStatusResponse | 'badPeriod' {
  const settings = readReportingSettings(doc)
  if (!settings) return { enabled: false, deadlineRule: null, period: null, units: [], pendingProposals: 0 }
  const today = todayInChina(now)
  const period = periodId === undefined ? periodOf(settings, today) : periodById(periodId, settings)
  if (!period) return 'badPeriod'
  return {
    enabled: true,
    deadlineRule: deadlineRuleText(settings),
    period,
    units: periodStatuses(doc, settings, period, today),
    pendingProposals: listProposals(doc).filter((proposal) => proposal.status === ProposalStatus.pending).length,
  }
}
