import type { IsoDate } from '@guatu/shared/domain/dates'
import { useBoardSettings } from '../sync/useBoardSettings.ts'
import { useAsOf } from './useAsOf.ts'

/**
 * The board's one "today" (shared/progress/boardToday.ts): its 统计截止, else today in China.
 * Problem and 督办 deadlines, lights and 序时进度 all read this, so they never disagree.
 */
export function useBoardToday(): IsoDate {
  return useAsOf(useBoardSettings())
}
