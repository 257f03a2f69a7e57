import type { IsoDate } from '../domain/dates.ts'
import { TimeBasis } from './boardSettings.ts'
import { percentTenths, WHOLE_FRACTION, ZERO_FRACTION, type Fraction } from './fraction.ts'
import { dayOfYear, daysInMonth, daysInYear, monthOf, yearOf } from './progressDates.ts'

const MONTHS_PER_YEAR = 12

/** 序时进度 as an exact fraction of the year, with the published percentage. */
export interface TimeProgress {
  readonly basis: TimeBasis
  readonly fraction: Fraction
  /** Tenths of a percent, rounded half up: 2/12 → 167 (16.7%). */
  readonly percentTenths: number
}

/**
 * Whole months of `year` elapsed on `asOf`. A month counts once its last day is reached, because
 * offices report "1–3月" figures on 3月31日: 2022-03-31 → 3, 2022-03-30 → 2.
 */
export function monthsElapsed(asOf: IsoDate, year: number): number {
  const asOfYear = yearOf(asOf)
  if (asOfYear < year) return 0
  if (asOfYear > year) return MONTHS_PER_YEAR
  const month = monthOf(asOf)
  const day = Number(asOf.slice(8, 10))
  return day === daysInMonth(year, month) ? month : month - 1
}

/**
 * The share of `year` elapsed on `asOf`: whole months ÷ 12, or day of year ÷ days in the year
 * (the day itself counts: 01-01 is 1/365, 2024-02-29 is 60/366). Before the year 0, after it 1.
 */
export function timeProgressFraction(asOf: IsoDate, year: number, basis: TimeBasis): Fraction {
  const asOfYear = yearOf(asOf)
  if (asOfYear < year) return ZERO_FRACTION
  if (asOfYear > year) return WHOLE_FRACTION
  switch (basis) {
    case TimeBasis.month:
      return { numerator: monthsElapsed(asOf, year), denominator: MONTHS_PER_YEAR }
    case TimeBasis.day:
      return { numerator: dayOfYear(asOf), denominator: daysInYear(year) }
  }
}

export function timeProgress(asOf: IsoDate, year: number, basis: TimeBasis): TimeProgress {
  const fraction = timeProgressFraction(asOf, year, basis)
  return { basis, fraction, percentTenths: percentTenths(fraction) }
}
