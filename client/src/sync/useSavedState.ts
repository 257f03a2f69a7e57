import { useSyncExternalStore } from 'react'
import type { SavedState } from './savedTracker.ts'
import { useBoardConnection } from './useBoardConnection.ts'

export function useSavedState(): SavedState {
  const { saved } = useBoardConnection()
  return useSyncExternalStore(saved.subscribe, saved.get)
}
