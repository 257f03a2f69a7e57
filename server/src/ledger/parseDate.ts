import { isIsoDate, type IsoDate } from '@guatu/shared/domain/dates'
import { normalizeText, type LedgerCell } from './cellText.ts'

export type DateResult =
  | { kind: 'empty' }
  /** 待定 and the like: the office knows there is no date yet. */
  | { kind: 'pending' }
  /**
   * `partial`: the cell named no full day (3月底, 二季度, 上半年, 年内) and the day was worked out;
   * `yearAssumed`: it named no year and the ledger's year was used. Either is shown to the office.
   */
  | { kind: 'date'; date: IsoDate; partial?: true; yearAssumed?: true }
  | { kind: 'error'; message: string }

const EMPTY_MARKS = new Set(['', '-', '—', '——', '--', '/', '无', '\\'])
const PENDING = /^(待定|未定|待确定|暂定|待明确|未确定|待议)$/
/** Excel serial days that are plausible ledger dates (1954 … 2119); 25569 is 1970-01-01. */
const SERIAL_MIN = 20_000
const SERIAL_MAX = 80_000
const EXCEL_EPOCH_OFFSET_DAYS = 25_569
const DAY_MS = 86_400_000

/**
 * When a ledger names a part of a month instead of a day. A month alone or 月底/月末 means the
 * last day of that month — a ledger date is a deadline ("3月开工" is late on 1 April). The 旬
 * (ten-day thirds) read as their middle day, 初 as the 上旬.
 */
const PERIOD_DAY: Record<string, number | 'last'> = {
  '': 'last',
  底: 'last',
  末: 'last',
  份: 'last',
  初: 5,
  上旬: 5,
  中旬: 15,
  下旬: 25,
}
const PERIOD = '(底|末|份|初|上旬|中旬|下旬)?'

const CHINESE_MONTH: Record<string, string> = {
  十二: '12',
  十一: '11',
  十: '10',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
}

/**
 * Reads a date cell: real Excel dates, serial numbers, 2022-03-15, 2022/3/15, 2022.3.15,
 * 2022年3月15日, 20220315, a month (2022年3月, 2022.3, 3月底, 3月中旬), a quarter (二季度) or a
 * year end (年底, 年内), a half year (上半年). Without a year, `year` (the report's year) is meant.
 */
export function parseLedgerDate(cell: LedgerCell, year: number): DateResult {
  if (cell.date) return fromDateValue(cell.date)
  if (cell.number !== undefined) {
    const fromNumber = fromNumberValue(cell.number)
    if (fromNumber) return fromNumber
  }
  const text = normalizeText(cell.text)
    .replace(/\s+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '')
    .replace(/\s+/g, '')
  if (EMPTY_MARKS.has(text)) return { kind: 'empty' }
  if (PENDING.test(text)) return { kind: 'pending' }
  const normalized = text.replace(/(十二|十一|十|[一二三四五六七八九])月/g, (_, month: string) => `${CHINESE_MONTH[month]}月`)
  return fromText(normalized, year) ?? { kind: 'error', message: `日期无法识别：${cell.text}` }
}

function fromText(text: string, year: number): DateResult | undefined {
  const exact = fullDate(text, year)
  if (exact) return exact
  const partial = partialDate(text, year)
  if (partial?.kind !== 'date') return partial
  const yearAssumed = !/^\d{4}/.test(text)
  return { ...partial, partial: true, ...(yearAssumed ? { yearAssumed: true } : {}) }
}

function fullDate(text: string, year: number): DateResult | undefined {
  let match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text)
  if (match) return day(Number(match[1]), Number(match[2]), Number(match[3]), text)
  match = /^(\d{4})(\d{2})(\d{2})$/.exec(text)
  if (match) return day(Number(match[1]), Number(match[2]), Number(match[3]), text)
  match = /^(\d{1,2})月(\d{1,2})日$/.exec(text)
  if (match) {
    const result = day(year, Number(match[1]), Number(match[2]), text)
    return result.kind === 'date' ? { ...result, yearAssumed: true } : result
  }
  return undefined
}

function partialDate(text: string, year: number): DateResult | undefined {
  let match = new RegExp(`^(\\d{4})[-/.年](\\d{1,2})月?${PERIOD}$`).exec(text)
  if (match) return monthPart(Number(match[1]), Number(match[2]), match[3] ?? '', text)
  match = new RegExp(`^(\\d{1,2})月${PERIOD}$`).exec(text)
  if (match) return monthPart(year, Number(match[1]), match[2] ?? '', text)
  match = /^(?:(\d{4})年)?(?:第)?([一二三四1-4])季度(?:末|底)?$/.exec(text)
  if (match) {
    const quarter = '一二三四'.includes(match[2] ?? '') ? '一二三四'.indexOf(match[2] ?? '') + 1 : Number(match[2])
    return monthPart(match[1] ? Number(match[1]) : year, quarter * 3, '', text)
  }
  match = /^(?:(\d{4})年)?(上半年|下半年)(?:底|末)?$/.exec(text)
  if (match) return monthPart(match[1] ? Number(match[1]) : year, match[2] === '上半年' ? 6 : 12, '', text)
  match = /^(?:(\d{4})年?)?(年底|年末|底|末|年内)$/.exec(text)
  if (match && (match[1] || match[2]?.startsWith('年'))) return day(match[1] ? Number(match[1]) : year, 12, 31, text)
  return undefined
}

function day(year: number, month: number, dayOfMonth: number, text: string): DateResult {
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`
  return isIsoDate(iso) ? { kind: 'date', date: iso } : { kind: 'error', message: `日期不存在：${text}` }
}

function monthPart(year: number, month: number, period: string, text: string): DateResult {
  if (month < 1 || month > 12) return { kind: 'error', message: `日期不存在：${text}` }
  const wanted = PERIOD_DAY[period] ?? 'last'
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return day(year, month, wanted === 'last' ? lastDay : wanted, text)
}

/** exceljs reads a date cell as midnight UTC; a second of slack absorbs float error in the serial. */
function fromDateValue(date: Date): DateResult {
  if (Number.isNaN(date.getTime())) return { kind: 'error', message: '日期无效' }
  return { kind: 'date', date: new Date(date.getTime() + 1000).toISOString().slice(0, 10) as IsoDate }
}

function fromNumberValue(value: number): DateResult | undefined {
  if (value >= SERIAL_MIN && value < SERIAL_MAX) {
    return fromDateValue(new Date((Math.floor(value) - EXCEL_EPOCH_OFFSET_DAYS) * DAY_MS))
  }
  // Anything else (20220315, 2022.3) is read as its text.
  return undefined
}
