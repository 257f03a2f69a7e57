/**
 * Exact ratios for 完成率, 序时进度 and the common rates. Offices publish percentages to one
 * decimal, so a ratio stays an integer fraction until the moment it is shown, and every shown figure
 * is an integer number of tenths of a percent rounded once, half away from zero (12.25% → 12.3%,
 * −12.25 points → −12.3 points). Counts and WanCents are integers, so nothing here drifts.
 */
export interface Fraction {
  readonly numerator: number
  readonly denominator: number
}

/** A ratio with its published percentage (tenths of a percent: 253 means 25.3%). */
export interface Rate extends Fraction {
  readonly percentTenths: number
}

export const ZERO_FRACTION: Fraction = { numerator: 0, denominator: 1 }
export const WHOLE_FRACTION: Fraction = { numerator: 1, denominator: 1 }

/** numerator ÷ denominator rounded to the nearest integer, halves away from zero, in integers only. */
export function roundDivide(numerator: number, denominator: number): number {
  if (denominator === 0) throw new RangeError('除数不能为0')
  const sign = Math.sign(numerator) * Math.sign(denominator)
  const n = Math.abs(numerator)
  const d = Math.abs(denominator)
  return sign * Math.floor((2 * n + d) / (2 * d))
}

/** The fraction as tenths of a percent: 1/4 → 250 (25.0%), 2/12 → 167 (16.7%). */
export function percentTenths(fraction: Fraction): number {
  return roundDivide(fraction.numerator * 1000, fraction.denominator)
}

/** A rate, or null when there is nothing to divide by (a target of 0 has no 完成率). */
export function rateOf(numerator: number, denominator: number | undefined): Rate | null {
  if (denominator === undefined || denominator <= 0) return null
  return { numerator, denominator, percentTenths: percentTenths({ numerator, denominator }) }
}

/**
 * a − b in tenths of a percentage point, rounded once from the exact difference (not from two
 * rounded percentages), so 1/3 − 1/6 is 16.7 points, not 33.3 − 16.7 = 16.6.
 */
export function differenceTenths(a: Fraction, b: Fraction): number {
  return roundDivide((a.numerator * b.denominator - b.numerator * a.denominator) * 1000, a.denominator * b.denominator)
}

/** 253 → "25.3", −5 → "-0.5", 1000 → "100.0". */
export function formatTenths(tenths: number): string {
  const magnitude = Math.abs(tenths)
  const sign = tenths < 0 ? '-' : ''
  return `${sign}${Math.floor(magnitude / 10)}.${magnitude % 10}`
}

/** 253 → "25.3%" */
export function formatPercent(tenths: number): string {
  return `${formatTenths(tenths)}%`
}
