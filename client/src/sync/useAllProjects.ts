import { useSyncExternalStore } from 'react'
import type { Project } from '@guatu/shared/domain/project'
import { useBoardConnection } from './useBoardConnection.ts'

/** Every project of the board as view models; a new array only when some project changed. */
export function useAllProjects(): readonly Project[] {
  const { view } = useBoardConnection()
  return useSyncExternalStore(view.subscribe, view.getAllProjects)
}
