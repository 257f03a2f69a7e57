import { useCallback, useSyncExternalStore } from 'react'
import type { Notice } from '@guatu/shared/domain/notice'
import type { ProjectId } from '@guatu/shared/domain/project'
import { useBoardConnection } from './useBoardConnection.ts'

/** One project's 督办单, oldest first. */
export function useProjectNotices(projectId: ProjectId): readonly Notice[] {
  const { view } = useBoardConnection()
  const read = useCallback(() => view.getNoticesOf(projectId), [view, projectId])
  return useSyncExternalStore(view.subscribe, read)
}
