import { formatChineseDate, type IsoDate } from '../domain/dates.ts'
import { Nature } from '../domain/nature.ts'
import type { Project, ProjectId } from '../domain/project.ts'
import { STAGE_LABEL } from '../domain/stage.ts'
import { MilestoneKind, type Milestone } from './boardSettings.ts'
import { isoDate, lastDayOfMonth, minDate, yearOf } from './progressDates.ts'
import { isAtLeastYi, projectsEnteringStage, type CountedProject } from './stageCounts.ts'
import { ProgressStage, reachedStageBy } from './stageEntry.ts'
import { monthsElapsed } from './timeProgress.ts'

export const MilestoneState = { met: 'met', atRisk: 'atRisk', missed: 'missed' } as const
export type MilestoneState = (typeof MilestoneState)[keyof typeof MilestoneState]
export const MILESTONE_STATE_LABEL: Record<MilestoneState, string> = { met: '已达成', atRisk: '有风险', missed: '未达成' }

export interface QuotaMonth {
  readonly month: number
  readonly count: number
}

export interface MilestoneStatus {
  readonly milestone: Milestone
  readonly state: MilestoneState
  /** One sentence for the screen: "尚有3个新建项目未开工（截止2022年6月30日）". */
  readonly text: string
  /** Projects that break or threaten the milestone (allNewStartedBy). */
  readonly offendingProjectIds: ProjectId[]
  /** Finished months that fell short of a monthly quota. */
  readonly shortMonths: QuotaMonth[]
}

type MilestoneProject = CountedProject & Pick<Project, 'nature'>

/**
 * allNewStartedBy: while the deadline has not passed, every 新建 project not yet started puts it at
 * risk; once asOf is after the deadline, any 新建 project not started on or before the deadline
 * misses it (starting late does not repair it).
 */
function allNewStarted(milestone: Extract<Milestone, { kind: 'allNewStartedBy' }>, projects: readonly MilestoneProject[], asOf: IsoDate): MilestoneStatus {
  const cutoff = minDate(asOf, milestone.deadline)
  const late = projects.filter((p) => p.nature === Nature.new && !reachedStageBy(p, ProgressStage.started, cutoff)).map((p) => p.id)
  const deadline = formatChineseDate(milestone.deadline)
  const passed = asOf > milestone.deadline
  const base = { milestone, offendingProjectIds: late, shortMonths: [] }
  if (late.length === 0) return { ...base, state: MilestoneState.met, text: `新建项目已全部开工（截止${deadline}）` }
  if (passed) return { ...base, state: MilestoneState.missed, text: `${late.length}个新建项目未在${deadline}前开工` }
  return { ...base, state: MilestoneState.atRisk, text: `尚有${late.length}个新建项目未开工（截止${deadline}）` }
}

/**
 * monthlyQuota: each finished month of the year (its last day ≤ asOf) needs at least minCount
 * entries into the stage (≥1亿 only when atLeastYi); any short month misses the milestone. The
 * month in progress puts it at risk while still below the quota.
 */
function monthlyQuota(
  milestone: Extract<Milestone, { kind: 'monthlyQuota' }>,
  projects: readonly MilestoneProject[],
  year: number,
  asOf: IsoDate,
): MilestoneStatus {
  const eligible = milestone.atLeastYi ? projects.filter(isAtLeastYi) : projects
  const countIn = (month: number) =>
    projectsEnteringStage(eligible, milestone.stage, { from: isoDate(year, month, 1), to: minDate(asOf, lastDayOfMonth(year, month)) }).length
  const finishedMonths = monthsElapsed(asOf, year)
  const shortMonths: QuotaMonth[] = []
  for (let month = 1; month <= finishedMonths; month += 1) {
    const count = countIn(month)
    if (count < milestone.minCount) shortMonths.push({ month, count })
  }
  const what = `${STAGE_LABEL[milestone.stage]}${milestone.atLeastYi ? '亿元以上' : ''}项目`
  const base = { milestone, offendingProjectIds: [], shortMonths }
  if (shortMonths.length > 0) {
    const months = shortMonths.map((m) => `${m.month}月`).join('、')
    return { ...base, state: MilestoneState.missed, text: `${months}${what}未达到每月${milestone.minCount}个` }
  }
  const current = yearOf(asOf) === year && finishedMonths < 12 ? finishedMonths + 1 : undefined
  if (current !== undefined) {
    const count = countIn(current)
    if (count < milestone.minCount) {
      return { ...base, state: MilestoneState.atRisk, text: `本月${what}${count}个，尚差${milestone.minCount - count}个` }
    }
  }
  return { ...base, state: MilestoneState.met, text: `每月${what}均达到${milestone.minCount}个` }
}

export function evaluateMilestone(milestone: Milestone, projects: readonly MilestoneProject[], year: number, asOf: IsoDate): MilestoneStatus {
  switch (milestone.kind) {
    case MilestoneKind.allNewStartedBy:
      return allNewStarted(milestone, projects, asOf)
    case MilestoneKind.monthlyQuota:
      return monthlyQuota(milestone, projects, year, asOf)
  }
}
