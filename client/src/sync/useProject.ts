import { useCallback, useSyncExternalStore } from 'react'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import { useBoardConnection } from './useBoardConnection.ts'

/** One project's current record; undefined once someone deletes it. */
export function useProject(id: ProjectId): Project | undefined {
  const { view } = useBoardConnection()
  const read = useCallback(() => view.getProject(id), [view, id])
  return useSyncExternalStore(view.subscribe, read)
}
