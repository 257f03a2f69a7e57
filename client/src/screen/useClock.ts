import { useEffect, useState } from 'react'

/**
 * The current time, re-read every `intervalMs`. The screen runs for days without anyone touching
 * it: 序时进度, "today" and the 数据截至 clock must follow the calendar on their own.
 */
export function useClock(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}
