import { useSyncExternalStore } from 'react'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import type { UndoState } from './boardUndo.ts'

export function useUndoState(): UndoState {
  const { undo } = useBoardConnection()
  return useSyncExternalStore(undo.subscribe, undo.get)
}
