import type { UnitPeriod } from '../board/reviewQueries.ts'
import type { ReportingPeriod } from '../domain/reportingPeriod.ts'
import { shapedAnswer } from './shapeChecks.ts'

/**
 * GET /api/boards/:id/reporting?period=: every unit's 报送 status in a period (the current one by
 * default), for the 审核 page, the wall screen's 未报 list and the 月报. Derived from the board.
 */
export interface ReportingStatusResponse {
  /** False when the office has not set up the reporting cycle: no period, no units. */
  enabled: boolean
  /** 每月25日前 / 每周五前. */
  deadlineRule: string | null
  period: ReportingPeriod | null
  units: UnitPeriod[]
  /** Proposals waiting for the office, board-wide. */
  pendingProposals: number
}
export const reportingStatusResponseSchema = shapedAnswer<ReportingStatusResponse>('报送情况', { arrays: ['units'] })
