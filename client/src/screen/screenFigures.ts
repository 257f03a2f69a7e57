import { countedProject } from '@guatu/shared/domain/figureCheck'
import { sumCents, type WanCents } from '@guatu/shared/domain/money'
import { INDUSTRIES, INDUSTRY_LABEL, INDUSTRY_UNSET_LABEL, type Industry } from '@guatu/shared/domain/industry'
import type { Problem } from '@guatu/shared/domain/problem'
import type { Project } from '@guatu/shared/domain/project'
import { STAGES, type Stage } from '@guatu/shared/domain/stage'
import type { IsoDate } from '@guatu/shared/domain/dates'
import { computeBoardProgress, type BoardProgress } from '@guatu/shared/progress/boardProgress'
import type { BoardSettings } from '@guatu/shared/progress/boardSettings'
import { Light, warningList, type Warning } from '@guatu/shared/progress/lights'
import { computeWeeklyRanking, RankingGroup, type WeeklyRanking, type WeeklyRankingInput } from '@guatu/shared/progress/ranking'
import type { BoardColumns } from '../sync/boardViewStore.ts'

/** Count and exact 总投资 of a set of projects. */
export interface Tally {
  readonly count: number
  readonly totalCents: WanCents
}

export interface StageFigure extends Tally {
  readonly stage: Stage
}

/** 'unset': projects nobody has classified yet (未分类), shown so the figures add up to the total. */
export interface IndustryFigure extends Tally {
  readonly industry: Industry | 'unset'
  readonly label: string
}

export interface BoardTotals {
  readonly all: Tally
  readonly stages: readonly StageFigure[]
}

/** Everything the wall shows that is computed from the projects, for one 数据截至 day. */
export interface ScreenFigures {
  readonly progress: BoardProgress
  readonly industries: readonly IndustryFigure[]
  readonly ranking: WeeklyRanking
  /** The red/yellow list, worst first; blue (first notice) is not on the wall. */
  readonly warnings: readonly Warning[]
}

export function allProjects(columns: BoardColumns): Project[] {
  return STAGES.flatMap((stage) => columns[stage].cards)
}

/** The headline figures straight from the columns, which already hold exact per-stage sums. */
export function boardTotals(columns: BoardColumns): BoardTotals {
  const stages = STAGES.map((stage) => ({ stage, count: columns[stage].count, totalCents: columns[stage].totalCents }))
  return {
    all: {
      count: stages.reduce((sum, figure) => sum + figure.count, 0),
      totalCents: stages.reduce((sum, figure) => sum + figure.totalCents, 0) as WanCents,
    },
    stages,
  }
}

function industryMix(projects: readonly Project[]): IndustryFigure[] {
  const figures: IndustryFigure[] = INDUSTRIES.map((industry) => {
    const members = projects.filter((project) => project.industry === industry)
    return {
      industry,
      label: INDUSTRY_LABEL[industry],
      count: members.length,
      totalCents: sumCents(members.map((project) => countedProject(project).totalInvestment)),
    }
  })
  const unset = projects.filter((project) => project.industry === undefined)
  if (unset.length > 0) {
    figures.push({ industry: 'unset', label: INDUSTRY_UNSET_LABEL, count: unset.length, totalCents: sumCents(unset.map((project) => project.totalInvestment)) })
  }
  return figures
}

export function computeScreenFigures(input: {
  projects: readonly Project[]
  problems: readonly Problem[]
  settings: BoardSettings
  asOf: IsoDate
  /** The reporting cycle's part of the ranking (填报及时率, 退回次数), when the board has one. */
  reporting?: WeeklyRankingInput['reporting']
}): ScreenFigures {
  const { projects, problems, settings, asOf, reporting } = input
  return {
    progress: computeBoardProgress({ projects, problems, settings, asOf }),
    industries: industryMix(projects),
    // 一周一晾晒 of the week containing 数据截至, read up to that day.
    ranking: computeWeeklyRanking({ projects, problems, settings, weekOf: asOf, asOf, groupBy: RankingGroup.unit, ...(reporting ? { reporting } : {}) }),
    warnings: warningList(projects, settings, asOf).filter((warning) => warning.light === Light.red || warning.light === Light.yellow),
  }
}
