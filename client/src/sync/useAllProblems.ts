import { useSyncExternalStore } from 'react'
import type { Problem } from '@guatu/shared/domain/problem'
import { useBoardConnection } from './useBoardConnection.ts'

/** Every problem on the board, oldest first (the 问题清单 page). */
export function useAllProblems(): readonly Problem[] {
  const { view } = useBoardConnection()
  return useSyncExternalStore(view.subscribe, view.getAllProblems)
}
