import { isIsoDate, todayInChina, type IsoDate } from '../domain/dates.ts'
import type { BoardSettings } from './boardSettings.ts'
import { firstDayOfYear, lastDayOfYear } from './progressDates.ts'

/**
 * The one "today" of a board: its 统计截止 when the project office set one, else today's calendar
 * day in China. Every judgement — lights, 序时进度, problem and 督办 deadlines, rankings, the date
 * a move records — goes through here, on the client and on the server alike, so a 2022 board
 * reviewed in 2026 never mixes the two years (a problem due 2022-09-15 is not 逾期 on a board cut
 * off at 2022-08-20).
 */
export function boardToday(settings: Pick<BoardSettings, 'asOf'>, now: Date = new Date()): IsoDate {
  return settings.asOf ?? todayInChina(now)
}

/** The days an actual 签约/开工/投产 date may take on a board: inside its year, never after its 今天. */
export interface ActualDateRange {
  readonly min: IsoDate
  readonly max: IsoDate
}

export function actualDateRange(settings: Pick<BoardSettings, 'asOf' | 'year'>, now: Date = new Date()): ActualDateRange {
  const min = firstDayOfYear(settings.year)
  const today = boardToday(settings, now)
  const yearEnd = lastDayOfYear(settings.year)
  const max = today < min ? min : today > yearEnd ? yearEnd : today
  return { min, max }
}

/**
 * The date a stage move records when nobody says otherwise: the board's 今天, kept inside the
 * board's year. A move made in December 2026 on a 2022 board cut off at 2022-08-20 counts as
 * entered on 2022-08-20, so it counts toward the year's targets and clears the card's
 * "已过N天仍未开工" warning, instead of landing four years after the period being reviewed.
 */
export function defaultStageEntryDate(settings: Pick<BoardSettings, 'asOf' | 'year'>, now: Date = new Date()): IsoDate {
  return actualDateRange(settings, now).max
}

/** Why an actual date is not acceptable on this board, in Chinese; undefined when it is. */
export function checkActualDate(date: unknown, settings: Pick<BoardSettings, 'asOf' | 'year'>, now: Date = new Date()): string | undefined {
  if (!isIsoDate(date)) return '日期无效（如 2022-03-15）'
  const { min, max } = actualDateRange(settings, now)
  if (date < min) return `实际日期不能早于本年度（${settings.year}年）`
  if (date > max) return settings.asOf ? `实际日期不能晚于统计截止日期 ${max}` : `实际日期不能晚于今天 ${max}`
  return undefined
}
