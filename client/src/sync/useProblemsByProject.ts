import { useSyncExternalStore } from 'react'
import type { ProblemsByProject } from './problemIndex.ts'
import { useBoardConnection } from './useBoardConnection.ts'

/** Problems per project for the whole board (cards, the 有未解决问题 filter). */
export function useProblemsByProject(): ProblemsByProject {
  const { view } = useBoardConnection()
  return useSyncExternalStore(view.subscribe, view.getProblemsByProject)
}
