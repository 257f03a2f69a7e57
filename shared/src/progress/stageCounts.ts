import type { IsoDate } from '../domain/dates.ts'
import { addCents, wanToCents, type WanCents } from '../domain/money.ts'
import { ProblemStatus, type Problem } from '../domain/problem.ts'
import type { Project } from '../domain/project.ts'
import { rateOf, type Rate } from './fraction.ts'
import { chinaDateOf, firstDayOfYear, inRange, isoDate, lastDayOfMonth, lastDayOfYear, minDate, type DateRange } from './progressDates.ts'
import { PLANNED_DATE_FIELD, PROGRESS_STAGES, ProgressStage, reachedStageBy, stageEntryDate } from './stageEntry.ts'

/** "亿元以上项目": 总投资 of at least 1亿元 = 10,000万元, in hundredths of 万元. */
export const AT_LEAST_YI_CENTS = 10_000 * 100

export type CountedProject = Pick<
  Project,
  | 'id'
  | 'stage'
  | 'totalInvestment'
  | 'registered'
  | 'plannedSignDate'
  | 'plannedStartDate'
  | 'plannedProduceDate'
  | 'actualSignDate'
  | 'actualStartDate'
  | 'actualProduceDate'
>

/** How many projects entered a stage in a period, how many of them ≥1亿, and their 总投资. */
export interface StageTally {
  readonly count: number
  readonly countAtLeastYi: number
  readonly investmentCents: WanCents
}

export type StageTallies = Record<ProgressStage, StageTally>

export function isAtLeastYi(project: Pick<Project, 'totalInvestment'>): boolean {
  return wanToCents(project.totalInvestment) >= AT_LEAST_YI_CENTS
}

/**
 * Projects that entered `stage` within [from, to] (both inclusive) by their recorded entry date,
 * so "how many started in Q2" is a range of 2022-04-01..2022-06-30. A card moved back to an earlier
 * stage no longer counts (see stageEntryDate).
 */
export function projectsEnteringStage<P extends CountedProject>(projects: readonly P[], stage: ProgressStage, range: DateRange): P[] {
  return projects.filter((project) => inRange(stageEntryDate(project, stage), range))
}

export function tallyOf(projects: readonly CountedProject[]): StageTally {
  let countAtLeastYi = 0
  let investmentCents = 0
  for (const project of projects) {
    const cents = wanToCents(project.totalInvestment)
    investmentCents = addCents(investmentCents, cents)
    if (cents >= AT_LEAST_YI_CENTS) countAtLeastYi += 1
  }
  return { count: projects.length, countAtLeastYi, investmentCents: investmentCents as WanCents }
}

export function countStageEntries(projects: readonly CountedProject[], stage: ProgressStage, range: DateRange): StageTally {
  return tallyOf(projectsEnteringStage(projects, stage, range))
}

export function stageEntriesInRange(projects: readonly CountedProject[], range: DateRange): StageTallies {
  return {
    signed: countStageEntries(projects, ProgressStage.signed, range),
    started: countStageEntries(projects, ProgressStage.started, range),
    producing: countStageEntries(projects, ProgressStage.producing, range),
  }
}

/** The year up to `asOf`: what "this year so far" means for a board reviewed on that day. */
export function yearToDate(year: number, asOf: IsoDate): DateRange {
  return { from: firstDayOfYear(year), to: minDate(asOf, lastDayOfYear(year)) }
}

export interface MonthTallies {
  /** 1..12 */
  readonly month: number
  readonly range: DateRange
  readonly entries: StageTallies
}

/**
 * Stage entries for each month of the year, for the screen's monthly chart. Entries after `asOf`
 * are left out, so a past review does not show moves that had not happened yet.
 */
export function monthlyStageEntries(projects: readonly CountedProject[], year: number, asOf: IsoDate): MonthTallies[] {
  // One pass over the projects into the 36 month × stage lists: the wall recomputes this on every
  // batch of moves, and 36 passes over thousands of projects showed in its profile.
  const entered = Array.from({ length: 12 }, () => ({ signed: [], started: [], producing: [] }) as Record<ProgressStage, CountedProject[]>)
  const yearPrefix = isoDate(year, 1, 1).slice(0, 5)
  for (const project of projects) {
    for (const stage of PROGRESS_STAGES) {
      const date = stageEntryDate(project, stage)
      if (date === undefined || !date.startsWith(yearPrefix) || date > asOf) continue
      entered[Number(date.slice(5, 7)) - 1]?.[stage].push(project)
    }
  }
  return entered.map((lists, index) => {
    const month = index + 1
    const range = { from: isoDate(year, month, 1), to: minDate(asOf, lastDayOfMonth(year, month)) }
    return { month, range, entries: { signed: tallyOf(lists.signed), started: tallyOf(lists.started), producing: tallyOf(lists.producing) } }
  })
}

/**
 * 开工率 / 投产率 (and 签约率): projects that entered the stage in the year (up to `asOf`) ÷
 * projects whose planned date for it falls in the year. The numerator is not restricted to the
 * planned ones, as offices count every start, so the rate can pass 100%.
 */
export function plannedStageRate(projects: readonly CountedProject[], stage: ProgressStage, year: number, asOf: IsoDate): Rate | null {
  const wholeYear = { from: firstDayOfYear(year), to: lastDayOfYear(year) }
  const planned = projects.filter((project) => inRange(project[PLANNED_DATE_FIELD[stage]], wholeYear)).length
  return rateOf(projectsEnteringStage(projects, stage, yearToDate(year, asOf)).length, planned)
}

/**
 * 入库率: registered ÷ projects that had started (开工 or 投产) by `asOf`. 是否入库 has no date in
 * the ledger, so the current flag is used even for a past review.
 */
export function registrationRate(projects: readonly CountedProject[], asOf: IsoDate): Rate | null {
  const started = projects.filter((project) => reachedStageBy(project, ProgressStage.started, asOf))
  return rateOf(started.filter((project) => project.registered).length, started.length)
}

type DatedProblem = Pick<Problem, 'status' | 'raisedAt' | 'solvedAt'>

/** Whether the problem was solved by the end of `asOf` (Beijing time); a solved problem with no date counts. */
export function solvedBy(problem: DatedProblem, asOf: IsoDate): boolean {
  if (problem.status !== ProblemStatus.solved) return false
  const solvedOn = problem.solvedAt === undefined ? undefined : chinaDateOf(problem.solvedAt)
  return solvedOn === undefined || solvedOn <= asOf
}

/** A period for problem figures; an open end is unbounded. Dates are Beijing calendar days. */
export interface ProblemPeriod {
  readonly from?: IsoDate
  readonly to?: IsoDate
}

/**
 * 问题办结率: of the problems raised in the period (by the Beijing date of raisedAt), how many were
 * solved by its end (by solvedAt; a solved problem without a date counts). Null when none were raised.
 */
export function problemSolveRate(problems: readonly DatedProblem[], period: ProblemPeriod = {}): Rate | null {
  const raised = problems.filter((problem) => {
    const raisedOn = chinaDateOf(problem.raisedAt)
    if (raisedOn === undefined) return false
    return (period.from === undefined || raisedOn >= period.from) && (period.to === undefined || raisedOn <= period.to)
  })
  const solved = raised.filter((problem) => (period.to === undefined ? problem.status === ProblemStatus.solved : solvedBy(problem, period.to)))
  return rateOf(solved.length, raised.length)
}

/** Problems closed (对账销号) within the range, by the Beijing date of solvedAt: the weekly "办结" figure. */
export function problemsSolvedIn(problems: readonly DatedProblem[], range: DateRange): number {
  return problems.filter(
    (problem) => problem.status === ProblemStatus.solved && problem.solvedAt !== undefined && inRange(chinaDateOf(problem.solvedAt), range),
  ).length
}
