/**
 * "2022年3月15日 14:32" in the browser's time zone — how a 台账 writes a date, with the clock time
 * of the change. Text that is not a readable time is shown as it came.
 */
export function formatHistoryTime(at: string): string {
  const date = new Date(at)
  if (Number.isNaN(date.getTime())) return at
  const hh = String(date.getHours()).padStart(2, '0')
  const mm = String(date.getMinutes()).padStart(2, '0')
  return `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日 ${hh}:${mm}`
}
