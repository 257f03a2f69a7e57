import { useSyncExternalStore } from 'react'
import type { Meeting } from '@guatu/shared/domain/meeting'
import { useBoardConnection } from '../sync/useBoardConnection.ts'

/** The 调度会 in progress, or undefined; a new object only when the meeting record changes. */
export function useRunningMeeting(): Meeting | undefined {
  const { view } = useBoardConnection()
  return useSyncExternalStore(view.subscribe, view.getRunningMeeting)
}
