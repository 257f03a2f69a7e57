import { useCallback, useSyncExternalStore } from 'react'
import type { Proposal } from '@guatu/shared/domain/proposal'
import type { ProjectId } from '@guatu/shared/domain/project'
import { useBoardConnection } from './useBoardConnection.ts'

/** One project's proposals (every status), in field order; re-renders only when they change. */
export function useProjectProposals(projectId: ProjectId): readonly Proposal[] {
  const { view } = useBoardConnection()
  const read = useCallback(() => view.getProposalsOf(projectId), [view, projectId])
  return useSyncExternalStore(view.subscribe, read)
}
