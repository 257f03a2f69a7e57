import type { IsoDate } from '@guatu/shared/domain/dates'
import { isoDate, lastDayOfMonth, minDate, monthOf, yearOf, type DateRange } from '@guatu/shared/progress/progressDates'

/** The periods offices ask stage counts for ("how many started in Q2"). */
export const StatPeriod = { month: 'month', quarter: 'quarter', lastQuarter: 'lastQuarter', year: 'year', custom: 'custom' } as const
export type StatPeriod = (typeof StatPeriod)[keyof typeof StatPeriod]
export const STAT_PERIODS: readonly StatPeriod[] = Object.values(StatPeriod)
export const STAT_PERIOD_LABEL: Record<StatPeriod, string> = {
  month: '本月',
  quarter: '本季度',
  lastQuarter: '上季度',
  year: '全年',
  custom: '自定义',
}

export function isStatPeriod(value: string): value is StatPeriod {
  return (STAT_PERIODS as readonly string[]).includes(value)
}

function quarterRange(year: number, quarter: number): DateRange {
  const first = (quarter - 1) * 3 + 1
  return { from: isoDate(year, first, 1), to: lastDayOfMonth(year, first + 2) }
}

/**
 * The range of a preset, relative to the as-of day, and never past it: a board reviewed as of
 * 8月20日 counts 本月 as 8月1日–8月20日, so moves recorded later do not leak into a past review.
 * 全年 is the board's year up to the as-of day. null for `custom` (the page's own dates).
 */
export function statRange(period: StatPeriod, asOf: IsoDate, boardYear: number): DateRange | null {
  const year = yearOf(asOf)
  const month = monthOf(asOf)
  const quarter = Math.floor((month - 1) / 3) + 1
  const clamp = (range: DateRange): DateRange => ({ from: range.from, to: minDate(range.to, asOf) })
  switch (period) {
    case StatPeriod.month:
      return clamp({ from: isoDate(year, month, 1), to: lastDayOfMonth(year, month) })
    case StatPeriod.quarter:
      return clamp(quarterRange(year, quarter))
    case StatPeriod.lastQuarter:
      return quarter === 1 ? quarterRange(year - 1, 4) : quarterRange(year, quarter - 1)
    case StatPeriod.year:
      return clamp({ from: isoDate(boardYear, 1, 1), to: isoDate(boardYear, 12, 31) })
    case StatPeriod.custom:
      return null
  }
}
