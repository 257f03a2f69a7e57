import { resolveAsOf, type BoardSettings } from '@guatu/shared/progress/boardSettings'
import type { IsoDate } from '@guatu/shared/domain/dates'
import { useChinaToday } from './useChinaToday.ts'

/** The day figures are computed for: the board's 统计截止日期, or today in China. */
export function useAsOf(settings: Pick<BoardSettings, 'asOf'>): IsoDate {
  return resolveAsOf(settings, useChinaToday())
}
