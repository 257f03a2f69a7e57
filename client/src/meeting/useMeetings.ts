import { useSyncExternalStore } from 'react'
import type { Meeting } from '@guatu/shared/domain/meeting'
import { useBoardConnection } from '../sync/useBoardConnection.ts'

/** Every meeting of the board, newest first, live from the document. */
export function useMeetings(): readonly Meeting[] {
  const { view } = useBoardConnection()
  return useSyncExternalStore(view.subscribe, view.getMeetings)
}
