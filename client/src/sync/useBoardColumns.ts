import { useSyncExternalStore } from 'react'
import type { BoardColumns } from './boardViewStore.ts'
import { useBoardConnection } from './useBoardConnection.ts'

/** The four stage columns of the open board, as view models. */
export function useBoardColumns(): BoardColumns {
  const { view } = useBoardConnection()
  return useSyncExternalStore(view.subscribe, view.getColumns)
}
