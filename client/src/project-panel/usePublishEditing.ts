import { useEffect } from 'react'
import type { ProjectId } from '@guatu/shared/domain/project'
import { useBoardConnection } from '../sync/useBoardConnection.ts'

/**
 * Tells everyone else which card this person is editing, for as long as the panel is open. Someone
 * who only reads the card (no permission) is not marked as 正在编辑.
 */
export function usePublishEditing(projectId: ProjectId, editing: boolean): void {
  const connection = useBoardConnection()
  useEffect(() => {
    if (!editing) return
    connection.setActivity({ kind: 'editing', projectId })
    return () => connection.setActivity(null)
  }, [connection, projectId, editing])
}
