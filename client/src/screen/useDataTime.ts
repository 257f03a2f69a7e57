import { useState } from 'react'

/**
 * When the figures on the wall were last known to be current: now while the socket is connected
 * and synced (every change arrives within a second), frozen at the last live moment otherwise.
 */
export function useDataTime(now: number, live: boolean): number {
  const [lastLive, setLastLive] = useState(now)
  if (live && lastLive !== now) setLastLive(now)
  return live ? now : lastLive
}
