import { formatChineseDate, type IsoDate } from '../domain/dates.ts'
import { isFigureUnconfirmed } from '../domain/figureCheck.ts'
import { formatYi, wanToCents } from '../domain/money.ts'
import type { Project, ProjectId } from '../domain/project.ts'
import { STAGE_LABEL } from '../domain/stage.ts'
import type { BoardSettings, LightThresholds } from './boardSettings.ts'
import { completionAgainstTime, gapText } from './completion.ts'
import { formatPercent } from './fraction.ts'
import { addMonths, daysBetween, wholeMonthsBetween } from './progressDates.ts'
import type { CountedProject } from './stageCounts.ts'
import { nextStage, PLANNED_DATE_FIELD, ProgressStage, reachedStageBy, stageAsOf, stageEntryDate } from './stageEntry.ts'
import { timeProgress, type TimeProgress } from './timeProgress.ts'

/** 红黄绿(蓝) lights. Blue is the first notice (蓝色督办), used only by the schedule rule. */
export const Light = { green: 'green', blue: 'blue', yellow: 'yellow', red: 'red' } as const
export type Light = (typeof Light)[keyof typeof Light]
export const LIGHTS: readonly Light[] = [Light.green, Light.blue, Light.yellow, Light.red]
export const LIGHT_LABEL: Record<Light, string> = { green: '绿', blue: '蓝', yellow: '黄', red: '红' }
/** Higher is worse; the order of the 督办 ladder. */
export const LIGHT_SEVERITY: Record<Light, number> = { green: 0, blue: 1, yellow: 2, red: 3 }

/** The published rule behind a light, shown next to it so nobody has to guess why a card is red. */
export const LightRule = { schedule: 'schedule', investment: 'investment', registration: 'registration' } as const
export type LightRule = (typeof LightRule)[keyof typeof LightRule]
export const LIGHT_RULES: readonly LightRule[] = [LightRule.schedule, LightRule.investment, LightRule.registration]
export const LIGHT_RULE_LABEL: Record<LightRule, string> = { schedule: '进度', investment: '投资', registration: '入库' }

export interface FiredLight {
  readonly rule: LightRule
  readonly light: Light
  /** Plain Chinese naming the date or figures: "计划开工时间2022年5月15日已过37天仍未开工". */
  readonly reason: string
  /** Days since the date that set it off (planned node or actual start); 0 for investment. */
  readonly ageDays: number
}

export type LightProject = CountedProject &
  Pick<Project, 'name' | 'unit' | 'leaders' | 'governmentFunded' | 'annualPlanInvestment' | 'completedInvestment' | 'unconfirmedFigures'>

/**
 * Schedule: the planned date of the project's next node (签约 after 谋划, or 开工 for 政府投资项目,
 * which skip 签约; 开工 after 签约; 投产 after 开工) has passed without the node being reached.
 * Days overdue = asOf − planned date; thresholds are inclusive (≥ 15 days → yellow). A planned date
 * on or after asOf, or none, fires nothing. The stage is the one held on asOf (past reviews).
 */
export function scheduleLight(project: LightProject, thresholds: LightThresholds, asOf: IsoDate): FiredLight | undefined {
  const next = nextStage(stageAsOf(project, asOf), project.governmentFunded)
  if (next === undefined) return undefined
  const planned = project[PLANNED_DATE_FIELD[next]]
  if (planned === undefined || planned >= asOf || reachedStageBy(project, next, asOf)) return undefined
  const days = daysBetween(planned, asOf)
  const { blueAfterDays, yellowAfterDays, redAfterDays } = thresholds.schedule
  const light = days >= redAfterDays ? Light.red : days >= yellowAfterDays ? Light.yellow : days >= blueAfterDays ? Light.blue : undefined
  if (light === undefined) return undefined
  const label = STAGE_LABEL[next]
  const reason = `计划${label}时间${formatChineseDate(planned)}已过${days}天仍未${label}`
  return { rule: LightRule.schedule, light, reason, ageDays: days }
}

/** Threshold points as tenths, the unit of published gaps (10 points → 100). */
function pointsToTenths(points: number): number {
  return Math.round(points * 10)
}

/**
 * Investment: for a project with 年度计划投资 > 0, 完成率 = 已完成投资 ÷ 年度计划投资 against
 * 序时进度. Compared on the published one-decimal gap, so the light always agrees with the figure
 * printed next to it: behind ≥ yellowBelowPoints → yellow; behind > redBelowPoints → red (exactly 30
 * behind is yellow, 30.1 red); otherwise green. 已完成投资 has no history: a past review uses today's figure.
 */
export function investmentLight(project: LightProject, thresholds: LightThresholds, time: TimeProgress): FiredLight | undefined {
  // A figure waiting for the 项目办's confirmation judges nothing: neither a false green nor a false red.
  if (isFigureUnconfirmed(project, 'annualPlanInvestment') || isFigureUnconfirmed(project, 'completedInvestment')) return undefined
  const plan = wanToCents(project.annualPlanInvestment)
  if (plan <= 0) return undefined
  const done = wanToCents(project.completedInvestment)
  const completion = completionAgainstTime(done, plan, time)
  if (completion.rate === null || completion.gapTenths === null || completion.text === null) return undefined
  const behind = -completion.gapTenths
  const { yellowBelowPoints, redBelowPoints } = thresholds.investment
  const light = behind > pointsToTenths(redBelowPoints) ? Light.red : behind >= pointsToTenths(yellowBelowPoints) ? Light.yellow : Light.green
  const reason = `完成投资${formatYi(done)}亿元，完成率${formatPercent(completion.rate.percentTenths)}，${gapText(completion.gapTenths, true)}`
  return { rule: LightRule.investment, light, reason, ageDays: 0 }
}

/**
 * Registration (入库): started (开工 or later on asOf) and not registered. Whole calendar months since
 * the actual start, clamped at month ends (03-15 + 1 month = 04-15; 01-31 + 1 month = 02-28/29):
 * ≥ yellowAfterMonths → yellow, ≥ redAfterMonths → red. Without a recorded start date nothing fires.
 */
export function registrationLight(project: LightProject, thresholds: LightThresholds, asOf: IsoDate): FiredLight | undefined {
  if (project.registered || !reachedStageBy(project, ProgressStage.started, asOf)) return undefined
  const started = stageEntryDate(project, ProgressStage.started)
  if (started === undefined || started > asOf) return undefined
  const months = wholeMonthsBetween(started, asOf)
  const { yellowAfterMonths, redAfterMonths } = thresholds.registration
  const light = months >= redAfterMonths ? Light.red : months >= yellowAfterMonths ? Light.yellow : undefined
  if (light === undefined) return undefined
  const passed = addMonths(started, months) === asOf ? '已满' : '已超过'
  // An unknown 是否入库 (a ledger without the column) is not a registration: it lights like 未入库,
  // and says that it is unknown, so the office fills it in rather than chasing the department.
  const what = project.registered === undefined ? '未确认入库（是否入库未填）' : '未入库'
  const reason = `${formatChineseDate(started)}开工，${passed}${months}个月${what}`
  return { rule: LightRule.registration, light, reason, ageDays: daysBetween(started, asOf) }
}

/** Every automatic light on a project on `asOf`, in rule order; an empty list means nothing to report. */
export function projectLights(project: LightProject, settings: BoardSettings, asOf: IsoDate): FiredLight[] {
  return lightsWithTime(project, settings, asOf, timeProgress(asOf, settings.year, settings.timeBasis))
}

function lightsWithTime(project: LightProject, settings: BoardSettings, asOf: IsoDate, time: TimeProgress): FiredLight[] {
  const fired = [
    scheduleLight(project, settings.thresholds, asOf),
    investmentLight(project, settings.thresholds, time),
    registrationLight(project, settings.thresholds, asOf),
  ]
  return fired.filter((light): light is FiredLight => light !== undefined)
}

/** The card's colour: the worst of its lights, green when none fired. */
export function worstLight(lights: readonly Pick<FiredLight, 'light'>[]): Light {
  let worst: Light = Light.green
  for (const { light } of lights) if (LIGHT_SEVERITY[light] > LIGHT_SEVERITY[worst]) worst = light
  return worst
}

/** Every project's lights, computed once; the time progress is shared. */
export function lightsByProject(projects: readonly LightProject[], settings: BoardSettings, asOf: IsoDate): Map<ProjectId, FiredLight[]> {
  const time = timeProgress(asOf, settings.year, settings.timeBasis)
  const known = knownLightsFor(settings, asOf)
  return new Map(
    projects.map((project) => {
      let lights = known.get(project)
      if (!lights) {
        lights = lightsWithTime(project, settings, asOf, time)
        known.set(project, lights)
      }
      return [project.id, lights]
    }),
  )
}

/**
 * Lights already worked out per project record, for one settings object and day. The client's view
 * store keeps an unchanged project's record identical, so after a move the wall's figures (progress,
 * ranking, warnings: each asks for every project's lights) recompute one project, not 2,000. A
 * record read afresh (the server's) simply misses; nothing is kept once the settings object goes.
 * The lists are shared between callers: read them, never change them.
 */
const KNOWN_DAYS = 4
const knownLights = new WeakMap<BoardSettings, Map<IsoDate, WeakMap<LightProject, FiredLight[]>>>()

function knownLightsFor(settings: BoardSettings, asOf: IsoDate): WeakMap<LightProject, FiredLight[]> {
  let byDay = knownLights.get(settings)
  if (!byDay) {
    byDay = new Map()
    knownLights.set(settings, byDay)
  }
  let known = byDay.get(asOf)
  if (!known) {
    // The wall asks for a few days at once (数据截至, the ranking's week before); left on for a year
    // it walks through 365 of them with one settings object: only the latest few are kept.
    const oldest = byDay.keys().next()
    if (byDay.size >= KNOWN_DAYS && !oldest.done) byDay.delete(oldest.value)
    known = new WeakMap()
    byDay.set(asOf, known)
  }
  return known
}

/** How many projects show each colour (by their worst light). */
export function lightCounts(projects: readonly LightProject[], settings: BoardSettings, asOf: IsoDate): Record<Light, number> {
  return countWorst(lightsByProject(projects, settings, asOf).values())
}

export function countWorst(lightLists: Iterable<readonly FiredLight[]>): Record<Light, number> {
  const counts: Record<Light, number> = { green: 0, blue: 0, yellow: 0, red: 0 }
  for (const lights of lightLists) counts[worstLight(lights)] += 1
  return counts
}

/** One line of the red/yellow list on the screen: a fired non-green light with its project. */
export interface Warning extends FiredLight {
  readonly projectId: ProjectId
  readonly projectName: string
  readonly unit: string
  readonly leaders: readonly string[]
}

const NAME_ORDER = new Intl.Collator('zh-CN')

/** Non-green lights, worst first, then oldest first (days overdue / since start), then by project name. */
export function warningList(projects: readonly LightProject[], settings: BoardSettings, asOf: IsoDate): Warning[] {
  const lights = lightsByProject(projects, settings, asOf)
  const warnings = projects.flatMap((project) =>
    (lights.get(project.id) ?? [])
      .filter((light) => light.light !== Light.green)
      .map((light) => ({ ...light, projectId: project.id, projectName: project.name, unit: project.unit, leaders: project.leaders })),
  )
  return warnings.sort(
    (a, b) =>
      LIGHT_SEVERITY[b.light] - LIGHT_SEVERITY[a.light] ||
      b.ageDays - a.ageDays ||
      NAME_ORDER.compare(a.projectName, b.projectName) ||
      LIGHT_RULES.indexOf(a.rule) - LIGHT_RULES.indexOf(b.rule),
  )
}
