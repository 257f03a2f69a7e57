import type { BoardChange } from '@guatu/shared/api/lookback'
import type { BoardState } from '@guatu/shared/board/boardState'
import type { IsoDate } from '@guatu/shared/domain/dates'
import { sumCents, ZERO_WAN } from '@guatu/shared/domain/money'
import { STAGES, STAGE_LABEL, type Stage } from '@guatu/shared/domain/stage'
import { compareBoards } from '@guatu/shared/lookback/compareBoards'
import { computeBoardProgress, type GroupProgress } from '@guatu/shared/progress/boardProgress'
import type { Completion } from '@guatu/shared/progress/completion'
import { LIGHTS, type Light } from '@guatu/shared/progress/lights'

/** A calendar month of the board's year, as the office names its 月报: 2031-03 → 2031年3月. */
export interface ReportMonth {
  year: number
  /** 1–12. */
  month: number
  /** First and last day. */
  from: IsoDate
  to: IsoDate
}

/**
 * 报送情况 of the month, from the reporting cycle: which units have not reported and which
 * proposals were returned. The report takes it as given; without a reporting cycle there is none
 * and the report says so, rather than claiming every unit reported.
 */
export interface PeriodStatusSummary {
  notReported: readonly string[]
  returned: readonly { unit: string; projectName: string; reason: string }[]
}

/** The extension point the reporting cycle fills at assembly: the month's 报送情况, or undefined without periods. */
export type PeriodStatusReader = (boardId: string, month: ReportMonth) => Promise<PeriodStatusSummary | undefined>

export interface StageRow {
  stage: Stage
  label: string
  countStart: number
  countEnd: number
  /** 总投资 of the stage's projects at the month's end, WanCents. */
  investmentEndCents: number
}

export interface MonthlyReport {
  boardName: string
  month: ReportMonth
  /** "2031年3月" */
  title: string
  totals: { projectCount: number; totalInvestmentCents: number; annualPlanCents: number; completedCents: number }
  stages: StageRow[]
  /** 已完成投资 against 年度计划, with 序时进度 at the month's last day: the board, then each 责任单位. */
  investment: Completion
  units: GroupProgress[]
  lights: Record<Light, number>
  /** What changed in the month, unit by unit (变化对比 of the board at the month's start and end). */
  changes: { unit: string; changes: BoardChange[] }[]
  periodStatus: PeriodStatusSummary | undefined
}

export function parseReportMonth(text: string): ReportMonth | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text)
  if (!match) return undefined
  const [year, month] = [Number(match[1]), Number(match[2])]
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const pad = (n: number) => String(n).padStart(2, '0')
  return { year, month, from: `${year}-${pad(month)}-01` as IsoDate, to: `${year}-${pad(month)}-${pad(last)}` as IsoDate }
}

/**
 * The 月报 of a board from its state at the month's start and end. Figures are the board's
 * project fields, which hold confirmed values (proposals awaiting 审核 are separate records).
 */
export function buildMonthlyReport(input: {
  boardName: string
  month: ReportMonth
  start: { state: BoardState; at: string }
  end: { state: BoardState; at: string }
  periodStatus: PeriodStatusSummary | undefined
}): MonthlyReport {
  const { end, start, month } = input
  const projects = end.state.projects
  const progress = computeBoardProgress({ projects, problems: end.state.problems, settings: end.state.settings, asOf: month.to })
  const countIn = (state: BoardState, stage: Stage) => state.projects.filter((project) => project.stage === stage).length
  const comparison = compareBoards(start, end)
  return {
    boardName: input.boardName,
    month,
    title: `${month.year}年${month.month}月`,
    totals: {
      projectCount: projects.length,
      totalInvestmentCents: sumCents(projects.map((project) => project.totalInvestment ?? ZERO_WAN)),
      annualPlanCents: sumCents(projects.map((project) => project.annualPlanInvestment ?? ZERO_WAN)),
      completedCents: sumCents(projects.map((project) => project.completedInvestment ?? ZERO_WAN)),
    },
    stages: STAGES.map((stage) => ({
      stage,
      label: STAGE_LABEL[stage],
      countStart: countIn(start.state, stage),
      countEnd: countIn(end.state, stage),
      investmentEndCents: sumCents(projects.filter((project) => project.stage === stage).map((project) => project.totalInvestment ?? ZERO_WAN)),
    })),
    investment: progress.board.investment,
    units: progress.units,
    lights: Object.fromEntries(LIGHTS.map((light) => [light, progress.board.lights[light]])) as Record<Light, number>,
    changes: comparison.units.map((unit) => ({ unit: unit.unit, changes: unit.changes })),
    periodStatus: input.periodStatus,
  }
}
