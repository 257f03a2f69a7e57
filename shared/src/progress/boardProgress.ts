import type { IsoDate } from '../domain/dates.ts'
import { countedProject } from '../domain/figureCheck.ts'
import { sumCents, wanToCents } from '../domain/money.ts'
import type { Problem } from '../domain/problem.ts'
import type { Project, ProjectId } from '../domain/project.ts'
import { STAGE_LABEL } from '../domain/stage.ts'
import type { BoardSettings } from './boardSettings.ts'
import { completionAgainstTime, type Completion } from './completion.ts'
import type { Rate } from './fraction.ts'
import { countWorst, lightsByProject, type FiredLight, type Light } from './lights.ts'
import { evaluateMilestone, type MilestoneStatus } from './milestones.ts'
import {
  monthlyStageEntries,
  plannedStageRate,
  problemSolveRate,
  registrationRate,
  stageEntriesInRange,
  yearToDate,
  type MonthTallies,
  type StageTallies,
} from './stageCounts.ts'
import { PROGRESS_STAGES, ProgressStage } from './stageEntry.ts'
import { timeProgress, type TimeProgress } from './timeProgress.ts'

/** What a target counts: projects, ≥1亿 projects, their 总投资, or the year's completed investment. */
export const TargetMeasure = {
  count: 'count',
  countAtLeastYi: 'countAtLeastYi',
  stageInvestment: 'stageInvestment',
  completedInvestment: 'completedInvestment',
} as const
export type TargetMeasure = (typeof TargetMeasure)[keyof typeof TargetMeasure]

export interface TargetProgress {
  /** Stable key for the UI: "started.count", "investment". */
  readonly key: string
  readonly stage: ProgressStage | null
  readonly measure: TargetMeasure
  /** "开工项目数", "签约亿元以上项目数", "签约项目总投资", "完成投资". */
  readonly label: string
  /** done/target are counts, or WanCents for the investment measures. */
  readonly completion: Completion
}

export interface ProgressRates {
  /** 签约率, 开工率 and 投产率: entered in the year ÷ planned in the year (see plannedStageRate). */
  readonly signed: Rate | null
  readonly started: Rate | null
  readonly producing: Rate | null
  readonly registration: Rate | null
  readonly problemSolve: Rate | null
}

/** One row of the progress table: the whole board, a 责任单位 or a 包抓领导. */
export interface GroupProgress {
  readonly name: string
  readonly projectCount: number
  /** Stage entries from 1月1日 to asOf. */
  readonly entries: StageTallies
  /** 已完成投资 ÷ the group's total 年度计划投资. */
  readonly investment: Completion
  readonly rates: ProgressRates
  readonly lights: Record<Light, number>
}

export interface BoardProgress {
  readonly year: number
  readonly asOf: IsoDate
  readonly timeProgress: TimeProgress
  /** Board-wide targets only: units and leaders have no targets of their own. */
  readonly targets: TargetProgress[]
  readonly board: GroupProgress
  readonly units: GroupProgress[]
  readonly leaders: GroupProgress[]
  readonly monthly: MonthTallies[]
  readonly milestones: MilestoneStatus[]
}

export interface BoardProgressInput {
  readonly projects: readonly Project[]
  readonly problems: readonly Problem[]
  readonly settings: BoardSettings
  /** Resolve with resolveAsOf(settings, today) first. */
  readonly asOf: IsoDate
}

const NAME_ORDER = new Intl.Collator('zh-CN')

function targetRows(settings: BoardSettings, entries: StageTallies, completedCents: number, time: TimeProgress): TargetProgress[] {
  const rows: TargetProgress[] = []
  for (const stage of PROGRESS_STAGES) {
    const target = settings.targets[stage]
    const label = STAGE_LABEL[stage]
    const done = entries[stage]
    if (target.count !== undefined) {
      rows.push({
        key: `${stage}.count`,
        stage,
        measure: TargetMeasure.count,
        label: `${label}项目数`,
        completion: completionAgainstTime(done.count, target.count, time),
      })
    }
    if (target.countAtLeastYi !== undefined) {
      const completion = completionAgainstTime(done.countAtLeastYi, target.countAtLeastYi, time)
      rows.push({ key: `${stage}.countAtLeastYi`, stage, measure: TargetMeasure.countAtLeastYi, label: `${label}亿元以上项目数`, completion })
    }
    if (target.investmentWan !== undefined) {
      const completion = completionAgainstTime(done.investmentCents, wanToCents(target.investmentWan), time)
      rows.push({ key: `${stage}.investment`, stage, measure: TargetMeasure.stageInvestment, label: `${label}项目总投资`, completion })
    }
  }
  if (settings.investmentToCompleteWan !== undefined) {
    const completion = completionAgainstTime(completedCents, wanToCents(settings.investmentToCompleteWan), time)
    rows.push({ key: 'investment', stage: null, measure: TargetMeasure.completedInvestment, label: '完成投资', completion })
  }
  return rows
}

interface Context {
  readonly settings: BoardSettings
  readonly asOf: IsoDate
  readonly time: TimeProgress
  readonly lights: Map<ProjectId, FiredLight[]>
  readonly problemsByProject: Map<ProjectId, Problem[]>
}

function groupProgress(name: string, projects: readonly Project[], context: Context): GroupProgress {
  const { settings, asOf, time } = context
  const year = settings.year
  const problems = projects.flatMap((project) => context.problemsByProject.get(project.id) ?? [])
  const completed = sumCents(projects.map((project) => project.completedInvestment))
  const planned = sumCents(projects.map((project) => project.annualPlanInvestment))
  return {
    name,
    projectCount: projects.length,
    entries: stageEntriesInRange(projects, yearToDate(year, asOf)),
    investment: completionAgainstTime(completed, planned, time),
    rates: {
      signed: plannedStageRate(projects, ProgressStage.signed, year, asOf),
      started: plannedStageRate(projects, ProgressStage.started, year, asOf),
      producing: plannedStageRate(projects, ProgressStage.producing, year, asOf),
      registration: registrationRate(projects, asOf),
      problemSolve: problemSolveRate(problems, { to: asOf }),
    },
    lights: countWorst(projects.map((project) => context.lights.get(project.id) ?? [])),
  }
}

/** Groups projects by a key; a project with several 包抓领导 belongs to each of them. */
export function groupBy(projects: readonly Project[], keysOf: (project: Project) => readonly string[]): Map<string, Project[]> {
  const groups = new Map<string, Project[]>()
  for (const project of projects) {
    for (const key of new Set(keysOf(project))) {
      const list = groups.get(key) ?? []
      list.push(project)
      groups.set(key, list)
    }
  }
  return groups
}

function groupRows(groups: Map<string, Project[]>, context: Context): GroupProgress[] {
  return [...groups.entries()].sort(([a], [b]) => NAME_ORDER.compare(a, b)).map(([name, projects]) => groupProgress(name, projects, context))
}

/**
 * Every figure of the progress page and screen for one day: targets against 序时进度, the same
 * figures per 责任单位 and per 包抓领导 (projects without a leader are in no leader row), the common
 * rates, monthly entries and milestone states. Pure: the caller reads the document and the clock.
 */
export function computeBoardProgress({ projects: shown, problems, settings, asOf }: BoardProgressInput): BoardProgress {
  // Figures waiting for the 项目办's confirmation count as 0 here and everywhere totals are made.
  const projects = shown.map(countedProject)
  const time = timeProgress(asOf, settings.year, settings.timeBasis)
  const problemsByProject = new Map<ProjectId, Problem[]>()
  for (const problem of problems) problemsByProject.set(problem.projectId, [...(problemsByProject.get(problem.projectId) ?? []), problem])
  const context: Context = { settings, asOf, time, lights: lightsByProject(projects, settings, asOf), problemsByProject }
  const board = groupProgress('全部项目', projects, context)
  return {
    year: settings.year,
    asOf,
    timeProgress: time,
    targets: targetRows(settings, board.entries, board.investment.done, time),
    board,
    units: groupRows(
      groupBy(projects, (project) => [project.unit]),
      context,
    ),
    leaders: groupRows(
      groupBy(projects, (project) => project.leaders),
      context,
    ),
    monthly: monthlyStageEntries(projects, settings.year, asOf),
    milestones: settings.milestones.map((milestone) => evaluateMilestone(milestone, projects, settings.year, asOf)),
  }
}
