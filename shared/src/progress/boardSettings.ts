import { z } from 'zod'
import { parseStored, plainText } from '../domain/safeText.ts'
import { isIsoDate, type IsoDate } from '../domain/dates.ts'
import { isWanAmountText, MONEY_CEILING_TEXT, withinMoneyCeiling, type WanAmount } from '../domain/money.ts'
import { PROGRESS_STAGES, type ProgressStage } from './stageEntry.ts'

/** 序时进度 by whole months (what most offices publish) or by days. */
export const TimeBasis = { month: 'month', day: 'day' } as const
export type TimeBasis = (typeof TimeBasis)[keyof typeof TimeBasis]
export const TIME_BASIS_LABEL: Record<TimeBasis, string> = { month: '按月', day: '按日' }

/** Dated commitments besides the yearly counts ("新建项目6月底前全部开工", "每月签约3个亿元以上项目"). */
export const MilestoneKind = { allNewStartedBy: 'allNewStartedBy', monthlyQuota: 'monthlyQuota' } as const
export type MilestoneKind = (typeof MilestoneKind)[keyof typeof MilestoneKind]
export const MILESTONE_KIND_LABEL: Record<MilestoneKind, string> = {
  allNewStartedBy: '新建项目全部开工',
  monthlyQuota: '每月任务',
}

/**
 * 大屏地图: whether the wall screen shows the project map, and in which tile's place. Beside
 * 产业结构 it takes 月度走势's place; instead of it, 产业结构's (and the 汇报单位 tile then moves to
 * 月度走势's place during a meeting, so the map stays up while a unit reports).
 */
export const WallMap = { off: 'off', besideIndustry: 'besideIndustry', replaceIndustry: 'replaceIndustry' } as const
export type WallMap = (typeof WallMap)[keyof typeof WallMap]
export const WALL_MAPS: readonly WallMap[] = [WallMap.off, WallMap.besideIndustry, WallMap.replaceIndustry]
export const WALL_MAP_LABEL: Record<WallMap, string> = { off: '不显示地图', besideIndustry: '地图与产业结构并列', replaceIndustry: '地图替换产业结构' }

const date = (label: string) => z.custom<IsoDate>(isIsoDate, { error: `${label}须为有效日期（如 2022-06-30）` })
const money = (label: string) =>
  z
    .custom<WanAmount>(isWanAmountText, { error: `${label}须为不小于0的金额（万元，最多两位小数）` })
    .refine(withinMoneyCeiling, { error: `${label}不能超过${MONEY_CEILING_TEXT}` })
const count = (label: string) =>
  z
    .number({ error: `${label}须为数字` })
    .int({ error: `${label}须为整数` })
    .min(0, { error: `${label}不能为负` })
const points = (label: string) =>
  z
    .number({ error: `${label}须为数字` })
    .min(0, { error: `${label}不能为负` })
    .max(100, { error: `${label}不能超过100` })
const progressStage = z.enum(PROGRESS_STAGES as [ProgressStage, ...ProgressStage[]], { error: '阶段须为签约、开工或投产' })

/** A stage's yearly targets; a measure left out has no target (and so no 完成率). */
const stageTargetSchema = z.strictObject({
  count: count('目标项目数').optional(),
  countAtLeastYi: count('亿元以上目标项目数').optional(),
  /** Total investment (总投资) of the projects entering the stage, e.g. 签约金额. */
  investmentWan: money('目标投资额').optional(),
})
export type StageTarget = z.infer<typeof stageTargetSchema>

const milestoneId = z.string({ error: '节点编号必须是文字' }).min(1, { error: '节点编号不能为空' }).max(64, { error: '节点编号过长' })
const milestoneLabel = plainText('节点名称', 100).optional()

export const milestoneSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal(MilestoneKind.allNewStartedBy), id: milestoneId, label: milestoneLabel, deadline: date('截止时间') }),
    z.strictObject({
      kind: z.literal(MilestoneKind.monthlyQuota),
      id: milestoneId,
      label: milestoneLabel,
      stage: progressStage,
      minCount: count('每月最少项目数').min(1, { error: '每月最少项目数至少为1' }),
      atLeastYi: z.boolean({ error: '是否亿元以上须为是或否' }),
    }),
  ],
  { error: '节点类型无效' },
)
export type Milestone = z.infer<typeof milestoneSchema>

/**
 * Lights fire at these thresholds (all inclusive, "≥"), except investment red, which fires only
 * strictly beyond its threshold: 银川 publishes yellow as "10–30 points below" and red as "more
 * than 30 below", so exactly 30 points behind is still yellow.
 */
const thresholdsSchema = z.strictObject({
  schedule: z
    .strictObject({ blueAfterDays: count('蓝灯天数'), yellowAfterDays: count('黄灯天数'), redAfterDays: count('红灯天数') })
    .refine((s) => s.blueAfterDays <= s.yellowAfterDays && s.yellowAfterDays <= s.redAfterDays, {
      error: '进度预警天数须满足 蓝灯 ≤ 黄灯 ≤ 红灯',
    }),
  investment: z
    .strictObject({ yellowBelowPoints: points('投资黄灯百分点'), redBelowPoints: points('投资红灯百分点') })
    .refine((s) => s.yellowBelowPoints <= s.redBelowPoints, { error: '投资预警须满足 黄灯百分点 ≤ 红灯百分点' }),
  registration: z
    .strictObject({ yellowAfterMonths: count('入库黄灯月数'), redAfterMonths: count('入库红灯月数') })
    .refine((s) => s.yellowAfterMonths <= s.redAfterMonths, { error: '入库预警须满足 黄灯月数 ≤ 红灯月数' }),
})
export type LightThresholds = z.infer<typeof thresholdsSchema>

export const boardSettingsSchema = z.strictObject({
  year: z.number({ error: '年度须为数字' }).int({ error: '年度须为整数' }).min(2000, { error: '年度须在2000至2100之间' }).max(2100, {
    error: '年度须在2000至2100之间',
  }),
  /** null reads the board as of today; a past date reviews it as it stood then. */
  asOf: date('统计截止日期').nullable(),
  timeBasis: z.enum([TimeBasis.month, TimeBasis.day], { error: '序时进度口径须为按月或按日' }),
  targets: z.strictObject({ signed: stageTargetSchema, started: stageTargetSchema, producing: stageTargetSchema }),
  /** 年度计划完成投资 for the whole board. */
  investmentToCompleteWan: money('年度投资目标').optional(),
  milestones: z.array(milestoneSchema, { error: '节点须为列表' }).max(50, { error: '节点最多50个' }),
  thresholds: thresholdsSchema,
  /** Absent: no map on the wall (boards saved before the map existed). */
  wallMap: z.enum(WALL_MAPS as [WallMap, ...WallMap[]], { error: '大屏地图须为不显示、并列或替换' }).optional(),
})
export type BoardSettings = z.infer<typeof boardSettingsSchema>

/** The defaults from DOMAIN.md: schedule 1/15/30 days, investment 10/30 points, 入库 1/2 months. */
export const DEFAULT_THRESHOLDS: LightThresholds = {
  schedule: { blueAfterDays: 1, yellowAfterDays: 15, redAfterDays: 30 },
  investment: { yellowBelowPoints: 10, redBelowPoints: 30 },
  registration: { yellowAfterMonths: 1, redAfterMonths: 2 },
}

export function DEFAULT_BOARD_SETTINGS(year: number): BoardSettings {
  return {
    year,
    asOf: null,
    timeBasis: TimeBasis.month,
    targets: { signed: {}, started: {}, producing: {} },
    milestones: [],
    thresholds: {
      schedule: { ...DEFAULT_THRESHOLDS.schedule },
      investment: { ...DEFAULT_THRESHOLDS.investment },
      registration: { ...DEFAULT_THRESHOLDS.registration },
    },
  }
}

/**
 * Reads stored settings; invalid or missing settings fall back to the defaults for `year`, so a
 * document written by an older version still shows a board. Returns the first message for the UI.
 */
export function parseBoardSettings(value: unknown, year: number): { settings: BoardSettings; error?: string } {
  const parsed = parseStored(boardSettingsSchema, value)
  if (parsed.success) return { settings: parsed.data }
  return { settings: DEFAULT_BOARD_SETTINGS(year), error: parsed.error.issues[0]?.message ?? '设置无效' }
}

/** The day the figures are computed for: the configured review date, else today. */
export function resolveAsOf(settings: Pick<BoardSettings, 'asOf'>, today: IsoDate): IsoDate {
  return settings.asOf ?? today
}
