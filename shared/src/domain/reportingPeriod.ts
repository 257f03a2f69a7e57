import { z } from 'zod'
import type { IsoDate } from './dates.ts'

/**
 * The reporting cycle (报送): every 责任单位 reports its projects' figures once per period by a
 * deadline (每月25日前), the 项目办 confirms or returns them. The office's choices live in the
 * board's `meta` under their own key (board/boardSettingsAccess.ts, SettingKey.reporting); a board
 * that never set them up has no cycle and departments edit as before, so turning the cycle on is
 * the office's act, never a silent change of an existing board.
 */
export const Cadence = { monthly: 'monthly', weekly: 'weekly' } as const
export type Cadence = (typeof Cadence)[keyof typeof Cadence]
export const CADENCE_LABEL: Record<Cadence, string> = { monthly: '每月', weekly: '每周' }

/** Fields a proposal may carry: the money, the stage and the 形象进度 text. */
export const REVIEWABLE_FIELDS = ['totalInvestment', 'annualPlanInvestment', 'completedInvestment', 'stage', 'progressNote'] as const
export type ReviewableField = (typeof REVIEWABLE_FIELDS)[number]

export function isReviewableField(value: unknown): value is ReviewableField {
  return (REVIEWABLE_FIELDS as readonly unknown[]).includes(value)
}

const fieldList = (label: string) =>
  z
    .array(z.enum(REVIEWABLE_FIELDS, { error: `${label}须为金额、阶段或形象进度` }), { error: `${label}须为字段列表` })
    .max(REVIEWABLE_FIELDS.length, { error: `${label}过多` })
    .refine((fields) => new Set(fields).size === fields.length, { error: `${label}不能重复` })

const weight = (label: string) =>
  z
    .number({ error: `${label}须为数字` })
    .min(0, { error: `${label}不能为负` })
    .max(20, { error: `${label}不能超过20分` })

export const reportingSettingsSchema = z
  .strictObject({
    /** Off: no periods, no review; departments write their fields directly (the board before the cycle). */
    enabled: z.boolean({ error: '是否启用报送须为是或否' }),
    cadence: z.enum([Cadence.monthly, Cadence.weekly], { error: '报送周期须为每月或每周' }),
    /**
     * The deadline within a period, inclusive: the day of the month (每月25日前 → 25; at most 28 so
     * every month has it) or, weekly, the day of the week (1 = 周一 … 7 = 周日).
     */
    deadlineDay: z.number({ error: '报送截止日须为数字' }).int({ error: '报送截止日须为整数' }).min(1, { error: '报送截止日至少为1' }).max(28, {
      error: '报送截止日不能超过28',
    }),
    /** What a unit reports each period (shown on its 报送 list). */
    reportedFields: fieldList('报送字段'),
    /** What a department's edit proposes instead of writing: the office confirms it first. */
    reviewedFields: fieldList('审核字段'),
    /**
     * What the weekly ranking (一周一晾晒) deducts from a 责任单位, in points: per period of the year
     * not reported on time (填报及时率), and per proposal returned (退回次数). Absent: the defaults.
     */
    rankingWeights: z
      .strictObject({ perLatePeriod: weight('每期迟报扣分'), perReturn: weight('每次退回扣分') }, { error: '排名扣分须为迟报和退回两项' })
      .optional(),
  })
  .refine((settings) => settings.cadence === Cadence.monthly || settings.deadlineDay <= 7, { error: '每周报送的截止日须为周一至周日（1至7）' })
export type ReportingSettings = z.infer<typeof reportingSettingsSchema>

/** What the office gets when it turns the cycle on: monthly by the 25th, money and stage moves reviewed. */
export const DEFAULT_REPORTING_SETTINGS: ReportingSettings = {
  enabled: true,
  cadence: Cadence.monthly,
  deadlineDay: 25,
  reportedFields: ['completedInvestment', 'progressNote'],
  reviewedFields: ['totalInvestment', 'annualPlanInvestment', 'completedInvestment', 'stage'],
}

/** A 责任单位's reporting so far in the year: what 填报及时率 and 退回次数 are made of. */
export interface UnitReportingRecord {
  /** Periods of the year whose deadline has passed. */
  readonly due: number
  /** Of those, reported by the deadline. */
  readonly onTime: number
  /** Proposals the office returned, each return counted. */
  readonly returns: number
}

/** Points the weekly ranking deducts when the office has not set its own. */
export const DEFAULT_REPORTING_RANKING_WEIGHTS = { perLatePeriod: 4, perReturn: 2 } as const

/** 每月25日前 / 每周五前, as the office says it. */
export function deadlineRuleText(settings: Pick<ReportingSettings, 'cadence' | 'deadlineDay'>): string {
  return settings.cadence === Cadence.monthly ? `每月${settings.deadlineDay}日前` : `每周${WEEKDAY[settings.deadlineDay - 1] ?? ''}前`
}
const WEEKDAY = ['一', '二', '三', '四', '五', '六', '日']

/** One reporting period: "2026-12" (monthly) or "2026-W49" (ISO week). */
export interface ReportingPeriod {
  readonly id: string
  /** "2026年12月", "2026年第49周". */
  readonly label: string
  readonly opensOn: IsoDate
  /** The last day a report is on time. */
  readonly deadline: IsoDate
  readonly endsOn: IsoDate
}

const MONTH_ID = /^(\d{4})-(0[1-9]|1[0-2])$/
const WEEK_ID = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/

export function isPeriodId(value: unknown, cadence: Cadence): value is string {
  if (typeof value !== 'string') return false
  return cadence === Cadence.monthly ? MONTH_ID.test(value) : WEEK_ID.test(value) && periodById(value, cadence)?.id === value
}

const DAY_MS = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10) as IsoDate
const msOf = (day: IsoDate) => Date.parse(`${day}T00:00:00Z`)

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((msOf(b) - msOf(a)) / DAY_MS)
}

/** The period a calendar day (in China) belongs to. */
export function periodOf(settings: Pick<ReportingSettings, 'cadence' | 'deadlineDay'>, day: IsoDate): ReportingPeriod {
  if (settings.cadence === Cadence.monthly) {
    const [year, month] = day.split('-').map(Number) as [number, number]
    const opens = Date.UTC(year, month - 1, 1)
    return {
      id: day.slice(0, 7),
      label: `${year}年${month}月`,
      opensOn: iso(opens),
      deadline: iso(Date.UTC(year, month - 1, settings.deadlineDay)),
      endsOn: iso(Date.UTC(year, month, 0)),
    }
  }
  // ISO week: Monday to Sunday; the week belongs to the year of its Thursday.
  const ms = msOf(day)
  const weekday = (new Date(ms).getUTCDay() + 6) % 7
  const monday = ms - weekday * DAY_MS
  const thursday = new Date(monday + 3 * DAY_MS)
  const weekYear = thursday.getUTCFullYear()
  const week = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / DAY_MS / 7) + 1
  return {
    id: `${weekYear}-W${String(week).padStart(2, '0')}`,
    label: `${weekYear}年第${week}周`,
    opensOn: iso(monday),
    deadline: iso(monday + (settings.deadlineDay - 1) * DAY_MS),
    endsOn: iso(monday + 6 * DAY_MS),
  }
}

/** The period with this id, or undefined when the id is not one of this cadence. */
export function periodById(id: string, settings: Pick<ReportingSettings, 'cadence' | 'deadlineDay'> | Cadence): ReportingPeriod | undefined {
  const rule = typeof settings === 'string' ? { cadence: settings, deadlineDay: 1 } : settings
  if (rule.cadence === Cadence.monthly) {
    return MONTH_ID.test(id) ? periodOf(rule, `${id}-01` as IsoDate) : undefined
  }
  const match = WEEK_ID.exec(id)
  if (!match) return undefined
  // Week 1 is the week holding 4 January.
  const jan4 = Date.UTC(Number(match[1]), 0, 4)
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS
  const day = iso(mondayOfWeek1 + (Number(match[2]) - 1) * 7 * DAY_MS)
  const period = periodOf(rule, day)
  return period.id === id ? period : undefined
}

/** A unit's standing in a period (derived, see board/reviewQueries.ts). */
export const PeriodStatus = {
  notReported: 'notReported',
  reported: 'reported',
  reviewed: 'reviewed',
  returned: 'returned',
  overdue: 'overdue',
} as const
export type PeriodStatus = (typeof PeriodStatus)[keyof typeof PeriodStatus]
export const PERIOD_STATUS_LABEL: Record<PeriodStatus, string> = {
  notReported: '未报',
  reported: '已报',
  reviewed: '已审核',
  returned: '退回',
  overdue: '逾期',
}
