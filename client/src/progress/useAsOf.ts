import type { IsoDate } from '@guatu/shared/domain/dates'
import type { BoardSettings } from '@guatu/shared/progress/boardSettings'
import { boardToday } from '@guatu/shared/progress/boardToday'
import { useChinaToday } from './useChinaToday.ts'

/** The day figures are computed for: the board's 统计截止日期, or today in China (boardToday). */
export function useAsOf(settings: Pick<BoardSettings, 'asOf'>): IsoDate {
  const chinaToday = useChinaToday()
  // useChinaToday re-renders at Beijing midnight; boardToday is the one rule both sides apply.
  return boardToday(settings, new Date(`${chinaToday}T12:00:00+08:00`))
}
