import { differenceTenths, formatTenths, rateOf, type Rate } from './fraction.ts'
import type { TimeProgress } from './timeProgress.ts'

/** Where a figure stands against 序时进度, judged on the published (one-decimal) gap. */
export const GapStatus = { ahead: 'ahead', behind: 'behind', even: 'even' } as const
export type GapStatus = (typeof GapStatus)[keyof typeof GapStatus]
export const GAP_STATUS_LABEL: Record<GapStatus, string> = { ahead: '超序时进度', behind: '滞后序时进度', even: '与序时进度持平' }

/** 完成率 against 序时进度; `rate` and the gap are null when there is no target to divide by. */
export interface Completion {
  /** Projects counted, or WanCents for investment. */
  readonly done: number
  readonly target: number | null
  readonly rate: Rate | null
  readonly timeProgress: TimeProgress
  /** 完成率% − 序时进度% in tenths of a point, rounded half away from zero from the exact difference. */
  readonly gapTenths: number | null
  readonly status: GapStatus | null
  /** "超序时进度 5.0 个百分点", "滞后序时进度 15.0 个百分点", "与序时进度持平". */
  readonly text: string | null
}

/**
 * 完成率 = done ÷ target, compared with 序时进度 in 百分点. A missing or zero target has no rate:
 * "0 of 0" is neither complete nor behind. For investment pass WanCents for both
 * (累计完成投资 ÷ 年度计划投资); the ratio is exact either way.
 */
export function completionAgainstTime(done: number, target: number | undefined | null, time: TimeProgress): Completion {
  const rate = rateOf(done, target ?? undefined)
  if (rate === null) return { done, target: target ?? null, rate, timeProgress: time, gapTenths: null, status: null, text: null }
  const gapTenths = differenceTenths(rate, time.fraction)
  const status = gapStatusOf(gapTenths)
  return { done, target: rate.denominator, rate, timeProgress: time, gapTenths, status, text: gapText(gapTenths) }
}

export function gapStatusOf(gapTenths: number): GapStatus {
  if (gapTenths > 0) return GapStatus.ahead
  if (gapTenths < 0) return GapStatus.behind
  return GapStatus.even
}

/** The gap as offices write it; `compact` drops the spaces for running text in a light's reason. */
export function gapText(gapTenths: number, compact = false): string {
  const status = gapStatusOf(gapTenths)
  if (status === GapStatus.even) return GAP_STATUS_LABEL.even
  const space = compact ? '' : ' '
  return `${GAP_STATUS_LABEL[status]}${space}${formatTenths(Math.abs(gapTenths))}${space}个百分点`
}
