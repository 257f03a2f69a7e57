import { useEffect } from 'react'
import type { ProjectId } from '@guatu/shared/domain/project'
import { useBoardConnection } from '../sync/useBoardConnection.ts'

/** Tells everyone else which card this person has open, for as long as the panel is open. */
export function usePublishEditing(projectId: ProjectId): void {
  const connection = useBoardConnection()
  useEffect(() => {
    connection.setActivity({ kind: 'editing', projectId })
    return () => connection.setActivity(null)
  }, [connection, projectId])
}
