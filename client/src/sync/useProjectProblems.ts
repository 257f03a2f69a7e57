import { useCallback, useSyncExternalStore } from 'react'
import type { Problem } from '@guatu/shared/domain/problem'
import type { ProjectId } from '@guatu/shared/domain/project'
import { useBoardConnection } from './useBoardConnection.ts'

/** One project's problems, oldest first; re-renders only when that project's problems change. */
export function useProjectProblems(projectId: ProjectId): readonly Problem[] {
  const { view } = useBoardConnection()
  const read = useCallback(() => view.getProblemsOf(projectId), [view, projectId])
  return useSyncExternalStore(view.subscribe, read)
}
