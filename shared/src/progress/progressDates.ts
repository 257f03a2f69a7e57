import { CHINA_OFFSET_MS } from '../domain/chinaTime.ts'
import { isIsoDate, type IsoDate } from '../domain/dates.ts'

/**
 * Day arithmetic on ledger dates. A ledger date is a calendar day with no time zone, so every
 * computation goes through UTC midnight, where days are always 24 hours long.
 */
const MS_PER_DAY = 86_400_000

function parts(date: IsoDate): [number, number, number] {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number)
  return [year, month, day]
}

function utcDay(date: IsoDate): number {
  const [year, month, day] = parts(date)
  return Date.UTC(year, month - 1, day) / MS_PER_DAY
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10) as IsoDate
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as IsoDate
}

export function yearOf(date: IsoDate): number {
  return parts(date)[0]
}

export function monthOf(date: IsoDate): number {
  return parts(date)[1]
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** 2022-01-01 → 1, 2024-02-29 → 60, 2024-12-31 → 366. */
export function dayOfYear(date: IsoDate): number {
  return utcDay(date) - utcDay(isoDate(yearOf(date), 1, 1)) + 1
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return utcDay(to) - utcDay(from)
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMs((utcDay(date) + days) * MS_PER_DAY)
}

/**
 * Calendar months, clamped to the end of a shorter month: 2022-03-15 + 1 = 2022-04-15,
 * 2022-01-31 + 1 = 2022-02-28, 2024-01-31 + 1 = 2024-02-29.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = parts(date)
  const index = year * 12 + (month - 1) + months
  const targetYear = Math.floor(index / 12)
  const targetMonth = (index % 12) + 1
  return isoDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)))
}

/** Whole calendar months from `from` to `to` (0 when `to` is before one month has passed). */
export function wholeMonthsBetween(from: IsoDate, to: IsoDate): number {
  const [fy, fm] = parts(from)
  const [ty, tm] = parts(to)
  let months = (ty - fy) * 12 + (tm - fm)
  while (months > 0 && addMonths(from, months) > to) months -= 1
  return Math.max(0, months)
}

export function firstDayOfYear(year: number): IsoDate {
  return isoDate(year, 1, 1)
}

export function lastDayOfYear(year: number): IsoDate {
  return isoDate(year, 12, 31)
}

export function lastDayOfMonth(year: number, month: number): IsoDate {
  return isoDate(year, month, daysInMonth(year, month))
}

export interface DateRange {
  readonly from: IsoDate
  readonly to: IsoDate
}

/** The Monday..Sunday week containing `date` (offices publish weekly figures by 自然周). */
export function weekContaining(date: IsoDate): DateRange {
  const weekday = new Date(utcDay(date) * MS_PER_DAY).getUTCDay()
  const sinceMonday = (weekday + 6) % 7
  const from = addDays(date, -sinceMonday)
  return { from, to: addDays(from, 6) }
}

export function inRange(date: IsoDate | undefined, range: DateRange): date is IsoDate {
  return date !== undefined && date >= range.from && date <= range.to
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b
}

/** The Beijing calendar day of an ISO instant (2022-03-15T17:00:00Z is already 3月16日 in China). */
export function chinaDateOf(instant: string): IsoDate | undefined {
  const ms = Date.parse(instant)
  if (Number.isNaN(ms)) return undefined
  const date = fromUtcMs(ms + CHINA_OFFSET_MS)
  return isIsoDate(date) ? date : undefined
}
