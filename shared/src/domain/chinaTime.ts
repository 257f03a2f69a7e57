/**
 * Instants as the offices read them: Beijing time. China keeps one time zone and no daylight
 * saving, UTC+8 all year, so a fixed offset is exact whatever the server's or the browser's zone.
 */
export const CHINA_OFFSET_MS = 8 * 3_600_000

/** The instant (ms or ISO text) shifted so that its UTC fields read as Beijing time; undefined when unreadable. */
function inChina(instant: number | string): Date | undefined {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant)
  return Number.isNaN(ms) ? undefined : new Date(ms + CHINA_OFFSET_MS)
}

/** "2026-12-05 09:12"; empty when unreadable. */
export function chinaMinute(instant: number | string): string {
  return inChina(instant)?.toISOString().slice(0, 16).replace('T', ' ') ?? ''
}

/** "09:12"; empty when unreadable. */
export function chinaClock(instant: number | string): string {
  return inChina(instant)?.toISOString().slice(11, 16) ?? ''
}

/** "2022年8月16日 15:00"; empty when unreadable. */
export function chinaDateTimeText(instant: number | string): string {
  const time = inChina(instant)
  if (!time) return ''
  return `${time.getUTCFullYear()}年${time.getUTCMonth() + 1}月${time.getUTCDate()}日 ${time.toISOString().slice(11, 16)}`
}
