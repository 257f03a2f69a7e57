import { useMemo } from 'react'
import { activityMarksByProject, type ActivityMark } from './activityMarks.ts'
import { usePeers } from './usePeers.ts'

/** Which cards other people are dragging or editing right now, keyed by project id. */
export function useActivityMarks(): ReadonlyMap<string, ActivityMark> {
  const peers = usePeers()
  return useMemo(() => activityMarksByProject(peers), [peers])
}
