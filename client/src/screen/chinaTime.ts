/** The offices keep Beijing time (UTC+8, no daylight saving), whatever the display's own clock zone. */
const CHINA_OFFSET_MS = 8 * 3_600_000

/** "14:32" in Beijing time, from an instant (ms or ISO text); empty when unreadable. */
export function chinaClockTime(instant: number | string): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant)
  if (Number.isNaN(ms)) return ''
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(11, 16)
}
