import { useCallback, useContext, useSyncExternalStore } from 'react'
import type { BoardSettings } from '@guatu/shared/progress/boardSettings'
import { BoardYearContext } from './boardYearContext.ts'
import { useBoardConnection } from './useBoardConnection.ts'

/** The board's targets and thresholds, live; the same object until someone saves new ones. */
export function useBoardSettings(): BoardSettings {
  const { view } = useBoardConnection()
  const year = useContext(BoardYearContext)
  const read = useCallback(() => view.getSettings(year), [view, year])
  return useSyncExternalStore(view.subscribe, read)
}
