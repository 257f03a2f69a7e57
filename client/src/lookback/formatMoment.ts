import { CHINA_OFFSET_MS, chinaDateTimeText } from '@guatu/shared/domain/chinaTime'

/** The office's clock: every moment is chosen and shown in 北京时间, whatever the browser's zone. */
const CHINA_OFFSET = '+08:00'

/** "2022年8月16日 15:00" (北京时间) for an ISO time; the text itself when unreadable. */
export function formatMoment(iso: string): string {
  return chinaDateTimeText(iso) || iso
}

/** An ISO time for the value of a `datetime-local` input, read as 北京时间. */
export function momentFromInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined
  const time = Date.parse(`${value}:00${CHINA_OFFSET}`)
  return Number.isNaN(time) ? undefined : new Date(time).toISOString()
}

/** The `datetime-local` value (北京时间) of an ISO time. */
export function inputFromMoment(iso: string): string {
  const china = new Date(Date.parse(iso) + CHINA_OFFSET_MS)
  return china.toISOString().slice(0, 16)
}
