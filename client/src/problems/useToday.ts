import { useEffect, useState } from 'react'
import { todayIso, type IsoDate } from '@guatu/shared/domain/dates'

function msUntilTomorrow(now = new Date()): number {
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1)
  return tomorrow.getTime() - now.getTime() + 1_000
}

/**
 * Today's local date. A board left open on the meeting-room screen overnight must turn yesterday's
 * "due today" problems into 逾期 without anyone reloading it.
 */
export function useToday(): IsoDate {
  const [today, setToday] = useState(() => todayIso())
  useEffect(() => {
    const timer = setTimeout(() => setToday(todayIso()), msUntilTomorrow())
    return () => clearTimeout(timer)
  }, [today])
  return today
}
