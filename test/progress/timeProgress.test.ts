import { describe, expect, test } from 'vitest'
import { TimeBasis } from '@guatu/shared/progress/boardSettings'
import { formatPercent } from '@guatu/shared/progress/fraction'
import { timeProgress } from '@guatu/shared/progress/timeProgress'
import { d } from './fixtures.ts'

const month = (asOf: string, year = 2022) => timeProgress(d(asOf), year, TimeBasis.month)
const day = (asOf: string, year = 2022) => timeProgress(d(asOf), year, TimeBasis.day)

describe('序时进度 by whole months (the default)', () => {
  test('on 1月1日 no month has ended yet, so the year is 0% through', () => {
    expect(month('2022-01-01').fraction).toEqual({ numerator: 0, denominator: 12 })
    expect(formatPercent(month('2022-01-01').percentTenths)).toBe('0.0%')
  })

  test('a month counts only once its last day is reached: 3月30日 is 2/12, 3月31日 is 25%', () => {
    // 2/12 = 16.666…% → 16.7%; 3/12 = 25%
    expect(month('2022-03-30').fraction).toEqual({ numerator: 2, denominator: 12 })
    expect(month('2022-03-30').percentTenths).toBe(167)
    expect(month('2022-03-31').fraction).toEqual({ numerator: 3, denominator: 12 })
    expect(formatPercent(month('2022-03-31').percentTenths)).toBe('25.0%')
  })

  test('in a leap year February ends on the 29th', () => {
    // 2024-02-28: only January ended → 1/12 = 8.33% → 8.3%; 2024-02-29: 2/12 → 16.7%
    expect(month('2024-02-28', 2024).percentTenths).toBe(83)
    expect(month('2024-02-29', 2024).fraction).toEqual({ numerator: 2, denominator: 12 })
  })

  test('on 12月31日 the year is complete, one day earlier it is 11/12', () => {
    // 11/12 = 91.666…% → 91.7%
    expect(month('2022-12-31').percentTenths).toBe(1000)
    expect(month('2022-12-30').percentTenths).toBe(917)
  })

  test('a date before the year gives 0% and a date after it 100%', () => {
    expect(month('2021-12-31').percentTenths).toBe(0)
    expect(month('2023-01-01').percentTenths).toBe(1000)
  })
})

describe('序时进度 by days', () => {
  test('1月1日 already counts as one day of 365', () => {
    // 1/365 = 0.274% → 0.3%
    expect(day('2022-01-01').fraction).toEqual({ numerator: 1, denominator: 365 })
    expect(day('2022-01-01').percentTenths).toBe(3)
  })

  test('3月30日 and 3月31日 are days 89 and 90 of 2022', () => {
    // 31 + 28 + 30 = 89 → 24.38% → 24.4%; 31 + 28 + 31 = 90 → 24.657% → 24.7%
    expect(day('2022-03-30')).toMatchObject({ fraction: { numerator: 89, denominator: 365 }, percentTenths: 244 })
    expect(day('2022-03-31')).toMatchObject({ fraction: { numerator: 90, denominator: 365 }, percentTenths: 247 })
  })

  test('the leap day 2024-02-29 is day 60 of 366', () => {
    // 31 + 29 = 60; 60/366 = 16.393% → 16.4%
    expect(day('2024-02-29', 2024)).toMatchObject({ fraction: { numerator: 60, denominator: 366 }, percentTenths: 164 })
  })

  test('the last day of a leap year is 366/366 = 100%', () => {
    expect(day('2024-12-31', 2024).fraction).toEqual({ numerator: 366, denominator: 366 })
    expect(day('2024-12-31', 2024).percentTenths).toBe(1000)
  })

  test('a date before the year gives 0% and a date after it 100%', () => {
    expect(day('2021-06-30').percentTenths).toBe(0)
    expect(day('2023-02-01').percentTenths).toBe(1000)
  })
})
