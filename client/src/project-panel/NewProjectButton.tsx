import { memo } from 'react'
import { createProject } from '@guatu/shared/board/projectCommands'
import { canWrite } from '@guatu/shared/domain/permissions'
import type { ProjectId } from '@guatu/shared/domain/project'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { assignableUnits } from '@guatu/shared/domain/permissions'

/**
 * Adds a project with the 台账 defaults at the end of 谋划 and opens it for filling in. A unit's
 * editor creates it for their own (first) unit — the server refuses any other — and can switch
 * among their units in the panel. Hidden for those who cannot write (领导, 大屏).
 */
export const NewProjectButton = memo(function NewProjectButton({
  onCreated,
  onError,
}: {
  onCreated: (id: ProjectId) => void
  onError: (message: string) => void
}) {
  const { doc } = useBoardConnection()
  const principal = usePrincipal()
  const units = assignableUnits(principal)
  const ownUnit = units === 'any' ? undefined : units[0]
  if (!canWrite(principal) || (units !== 'any' && !ownUnit)) return null
  const create = () => {
    try {
      onCreated(createProject(doc, ownUnit ? { unit: ownUnit } : {}))
    } catch (error) {
      onError(error instanceof Error ? error.message : '新建项目失败')
    }
  }
  return (
    <button type="button" className="primary-button" onClick={create} data-testid="new-project">
      新建项目
    </button>
  )
})
