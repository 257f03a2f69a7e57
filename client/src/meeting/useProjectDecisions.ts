import { useCallback, useSyncExternalStore } from 'react'
import type { Decision } from '@guatu/shared/domain/decision'
import type { ProjectId } from '@guatu/shared/domain/project'
import { useBoardConnection } from '../sync/useBoardConnection.ts'

/** One project's 确定事项 from every meeting, in the order taken. */
export function useProjectDecisions(projectId: ProjectId): readonly Decision[] {
  const { view } = useBoardConnection()
  const read = useCallback(() => view.getDecisionsOf(projectId), [view, projectId])
  return useSyncExternalStore(view.subscribe, read)
}
