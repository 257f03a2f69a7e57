/** Calendar dates are ISO strings (YYYY-MM-DD) with no time zone: a ledger date is a day, not an instant. */
export type IsoDate = string & { readonly __brand: 'IsoDate' }

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false
  const match = ISO_DATE_PATTERN.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** 2022-03-15 → 2022年3月15日 */
export function formatChineseDate(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number)
  return `${year}年${month}月${day}日`
}

export function todayIso(now = new Date()): IsoDate {
  const year = now.getFullYear()
  const month = String(now.getMonth() + 1).padStart(2, '0')
  const day = String(now.getDate()).padStart(2, '0')
  return `${year}-${month}-${day}` as IsoDate
}

/**
 * Today in China (UTC+8, no daylight saving), whatever the server's time zone: "today" on a board
 * is the offices' calendar day, and a server in a UTC data centre must not be a day behind at 7:00.
 */
export function todayInChina(now = new Date()): IsoDate {
  return new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10) as IsoDate
}
