import { describe, expect, test } from 'vitest'
import { TimeBasis } from '@guatu/shared/progress/boardSettings'
import { completionAgainstTime, GapStatus } from '@guatu/shared/progress/completion'
import { roundDivide } from '@guatu/shared/progress/fraction'
import { timeProgress } from '@guatu/shared/progress/timeProgress'
import { d } from './fixtures.ts'

/** 2022-06-30: six months ended → 序时进度 50%. */
const HALF_YEAR = timeProgress(d('2022-06-30'), 2022, TimeBasis.month)

describe('完成率 against 序时进度', () => {
  test('35 of 100 started at half-year is 15 points behind', () => {
    // 35/100 = 35.0%; 35.0 − 50.0 = −15.0
    const completion = completionAgainstTime(35, 100, HALF_YEAR)
    expect(completion.rate?.percentTenths).toBe(350)
    expect(completion.gapTenths).toBe(-150)
    expect(completion.status).toBe(GapStatus.behind)
    expect(completion.text).toBe('滞后序时进度 15.0 个百分点')
  })

  test('11 of 20 at half-year is 5 points ahead', () => {
    // 11/20 = 55.0%; 55.0 − 50.0 = +5.0
    const completion = completionAgainstTime(11, 20, HALF_YEAR)
    expect(completion.status).toBe(GapStatus.ahead)
    expect(completion.text).toBe('超序时进度 5.0 个百分点')
  })

  test('exactly on time reads 与序时进度持平', () => {
    // 6/12 = 50.0% = 序时进度
    const completion = completionAgainstTime(6, 12, HALF_YEAR)
    expect(completion.gapTenths).toBe(0)
    expect(completion.status).toBe(GapStatus.even)
    expect(completion.text).toBe('与序时进度持平')
  })

  test('a zero or missing target has no rate and no gap', () => {
    for (const target of [0, undefined]) {
      const completion = completionAgainstTime(3, target, HALF_YEAR)
      expect(completion.rate).toBeNull()
      expect(completion.gapTenths).toBeNull()
      expect(completion.text).toBeNull()
    }
  })

  test('the gap is rounded once from the exact difference, not from two rounded percentages', () => {
    // 3月30日 → 2/12. 1/3 − 1/6 = 1/6 = 16.666… → 16.7 (33.3 − 16.7 would give 16.6)
    const completion = completionAgainstTime(1, 3, timeProgress(d('2022-03-30'), 2022, TimeBasis.month))
    expect(completion.rate?.percentTenths).toBe(333)
    expect(completion.timeProgress.percentTenths).toBe(167)
    expect(completion.gapTenths).toBe(167)
  })

  test('investment 完成率 divides completed by planned WanCents exactly', () => {
    // 1,200万 of 12,000万 = 10.0%; at 8/12 (2022-08-31) = 66.666…%: 10 − 66.666… = −56.666… → −56.7
    const completion = completionAgainstTime(1_200_00, 12_000_00, timeProgress(d('2022-08-31'), 2022, TimeBasis.month))
    expect(completion.rate?.percentTenths).toBe(100)
    expect(completion.text).toBe('滞后序时进度 56.7 个百分点')
  })

  test('halves round away from zero on both sides', () => {
    // 2.5 → 3, −2.5 → −3, 2.4 → 2, −2.4 → −2
    expect([roundDivide(25, 10), roundDivide(-25, 10), roundDivide(24, 10), roundDivide(-24, 10)]).toEqual([3, -3, 2, -2])
  })
})
