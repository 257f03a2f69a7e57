import { useEffect, useState } from 'react'
import { todayInChina, type IsoDate } from '@guatu/shared/domain/dates'

const MS_PER_DAY = 86_400_000
const CHINA_OFFSET_MS = 8 * 3_600_000

function msUntilChinaMidnight(now = Date.now()): number {
  return MS_PER_DAY - ((now + CHINA_OFFSET_MS) % MS_PER_DAY) + 1_000
}

/**
 * Today's date in China (the offices' calendar day, whatever the browser's zone). A board left open
 * overnight turns to the next day on its own, so lights and 序时进度 move with it.
 */
export function useChinaToday(): IsoDate {
  const [today, setToday] = useState(() => todayInChina())
  useEffect(() => {
    const timer = setTimeout(() => setToday(todayInChina()), msUntilChinaMidnight())
    return () => clearTimeout(timer)
  }, [today])
  return today
}
