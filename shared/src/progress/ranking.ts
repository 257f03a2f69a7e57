import type { IsoDate } from '../domain/dates.ts'
import { countedProject } from '../domain/figureCheck.ts'
import { sumCents } from '../domain/money.ts'
import type { Problem } from '../domain/problem.ts'
import type { Project } from '../domain/project.ts'
import type { UnitReportingRecord } from '../domain/reportingPeriod.ts'
import { groupBy } from './boardProgress.ts'
import type { BoardSettings } from './boardSettings.ts'
import { completionAgainstTime, type Completion } from './completion.ts'
import { Light, LightRule, lightsByProject, worstLight } from './lights.ts'
import { addDays, minDate, weekContaining, type DateRange } from './progressDates.ts'
import { problemsSolvedIn, projectsEnteringStage } from './stageCounts.ts'
import { PROGRESS_STAGES } from './stageEntry.ts'
import { timeProgress } from './timeProgress.ts'

/** 一周一晾晒 is published per 责任单位 and per 包抓领导. */
export const RankingGroup = { unit: 'unit', leader: 'leader' } as const
export type RankingGroup = (typeof RankingGroup)[keyof typeof RankingGroup]
export const RANKING_GROUP_LABEL: Record<RankingGroup, string> = { unit: '责任单位', leader: '包抓领导' }

/**
 * The published score, in tenths of a point so it stays an integer:
 *   +10 per stage advance in the week (签约, 开工 or 投产 entered; one project can advance twice)
 *   +5  per problem solved in the week
 *   −2  per project overdue on the schedule rule (any colour) at week end
 *   −3  per project whose worst light is yellow, −6 per red, at week end
 *   + the group's investment gap to 序时进度 in points, capped at ±20 (0 without an annual plan)
 *   − with the reporting cycle, per 责任单位: the office's points per period not reported on time
 *     (填报及时率) and per proposal returned (退回次数), DEFAULT_REPORTING_RANKING_WEIGHTS unless set
 * Rewards movement and closing problems, punishes what is visibly late. Highest first; equal
 * scores are ordered by name (zh-CN collation), so the order is total and stable between weeks.
 */
export const RANKING_WEIGHTS = {
  advance: 10,
  problemSolved: 5,
  overdue: -2,
  yellow: -3,
  red: -6,
  investmentGapCapPoints: 20,
} as const

export const DEFAULT_LIST_SIZE = 3

export interface RankingRow {
  readonly name: string
  /** 1 = best. */
  readonly rank: number
  readonly previousRank: number | null
  /** previousRank − rank: positive means moved up; null for a group absent last week. */
  readonly rankChange: number | null
  readonly scoreTenths: number
  readonly projectCount: number
  readonly advances: number
  readonly onSchedule: number
  readonly overdue: number
  readonly openYellow: number
  readonly openRed: number
  readonly problemsSolved: number
  readonly investment: Completion
  /** 填报及时率 and 退回次数, for 责任单位 on a board with the reporting cycle; null otherwise. */
  readonly reporting: UnitReportingRecord | null
}

export interface WeeklyRanking {
  readonly groupBy: RankingGroup
  /** Monday..Sunday. */
  readonly week: DateRange
  /** The day lights and figures are read: the Sunday, or asOf when the week is still running. */
  readonly cutoff: IsoDate
  readonly previousWeek: DateRange
  readonly rows: RankingRow[]
  /** 红榜: the top `listSize` rows. */
  readonly redList: RankingRow[]
  /** 黑榜: the bottom `listSize` rows, worst first, never repeating a row of the 红榜. */
  readonly blackList: RankingRow[]
}

export interface WeeklyRankingInput {
  readonly projects: readonly Project[]
  readonly problems: readonly Problem[]
  readonly settings: BoardSettings
  /** Any day of the week to rank. */
  readonly weekOf: IsoDate
  readonly groupBy: RankingGroup
  /** The data-as-of day; a week still running is read up to it. Defaults to the week's Sunday. */
  readonly asOf?: IsoDate
  readonly listSize?: number
  /**
   * The reporting cycle, when the board has one: each unit's record as of a day (this week's and
   * last week's cutoffs both ask), and the points deducted per late period and per return.
   */
  readonly reporting?: {
    readonly recordsAt: (cutoff: IsoDate) => ReadonlyMap<string, UnitReportingRecord>
    readonly weights: { readonly perLatePeriod: number; readonly perReturn: number }
  }
}

const NAME_ORDER = new Intl.Collator('zh-CN')
const W = RANKING_WEIGHTS

type Unranked = Omit<RankingRow, 'rank' | 'previousRank' | 'rankChange'>

function scoreRows(input: WeeklyRankingInput, week: DateRange, cutoff: IsoDate): Unranked[] {
  const { settings } = input
  const period = { from: week.from, to: cutoff }
  const time = timeProgress(cutoff, settings.year, settings.timeBasis)
  const lights = lightsByProject(input.projects, settings, cutoff)
  const keys = input.groupBy === RankingGroup.unit ? (p: Project) => [p.unit] : (p: Project) => p.leaders
  const reporting = input.groupBy === RankingGroup.unit && input.reporting ? input.reporting : undefined
  const records = reporting?.recordsAt(cutoff)
  const rows: Unranked[] = []
  for (const [name, projects] of groupBy(input.projects, keys)) {
    const ids = new Set(projects.map((project) => project.id))
    const advances = PROGRESS_STAGES.reduce((sum, stage) => sum + projectsEnteringStage(projects, stage, period).length, 0)
    const projectLights = projects.map((project) => lights.get(project.id) ?? [])
    const overdue = projectLights.filter((list) => list.some((light) => light.rule === LightRule.schedule)).length
    const worst = projectLights.map(worstLight)
    const openYellow = worst.filter((light) => light === Light.yellow).length
    const openRed = worst.filter((light) => light === Light.red).length
    const problemsSolved = problemsSolvedIn(
      input.problems.filter((problem) => ids.has(problem.projectId)),
      period,
    )
    const investment = completionAgainstTime(
      sumCents(projects.map((project) => project.completedInvestment)),
      sumCents(projects.map((project) => project.annualPlanInvestment)),
      time,
    )
    const cap = W.investmentGapCapPoints * 10
    const investmentTenths = Math.max(-cap, Math.min(cap, investment.gapTenths ?? 0))
    const record = records?.get(name) ?? (records ? { due: 0, onTime: 0, returns: 0 } : null)
    const reportingTenths =
      record && reporting
        ? Math.round(-10 * (reporting.weights.perLatePeriod * (record.due - record.onTime) + reporting.weights.perReturn * record.returns))
        : 0
    const scoreTenths =
      10 * (W.advance * advances + W.problemSolved * problemsSolved + W.overdue * overdue + W.yellow * openYellow + W.red * openRed) +
      investmentTenths +
      reportingTenths
    rows.push({
      name,
      scoreTenths,
      projectCount: projects.length,
      advances,
      onSchedule: projects.length - overdue,
      overdue,
      openYellow,
      openRed,
      problemsSolved,
      investment,
      reporting: record,
    })
  }
  return rows.sort((a, b) => b.scoreTenths - a.scoreTenths || NAME_ORDER.compare(a.name, b.name))
}

/**
 * 一周一晾晒 for the Monday..Sunday week containing `weekOf`, per 责任单位 or 包抓领导, with the change
 * in rank since the previous week, computed the same way as of its Sunday. Investment figures have
 * no history in the ledger, so both weeks use today's 已完成投资 against their own 序时进度.
 */
export function computeWeeklyRanking(shown: WeeklyRankingInput): WeeklyRanking {
  // A figure waiting for the 项目办's confirmation does not move anyone up or down the 晾晒.
  const input = { ...shown, projects: shown.projects.map(countedProject) }
  const week = weekContaining(input.weekOf)
  const cutoff = minDate(week.to, input.asOf ?? week.to)
  const previousWeek = weekContaining(addDays(week.from, -7))
  const previousRanks = new Map(scoreRows(input, previousWeek, previousWeek.to).map((row, index) => [row.name, index + 1]))
  const rows = scoreRows(input, week, cutoff).map((row, index): RankingRow => {
    const rank = index + 1
    const previousRank = previousRanks.get(row.name) ?? null
    return { ...row, rank, previousRank, rankChange: previousRank === null ? null : previousRank - rank }
  })
  const size = Math.max(0, input.listSize ?? DEFAULT_LIST_SIZE)
  const redList = rows.slice(0, size)
  const blackList = rows.slice(Math.max(size, rows.length - size)).reverse()
  return { groupBy: input.groupBy, week, cutoff, previousWeek, rows, redList, blackList }
}
