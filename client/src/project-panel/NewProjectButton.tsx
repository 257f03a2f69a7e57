import { memo } from 'react'
import { createProject } from '@guatu/shared/board/projectCommands'
import type { ProjectId } from '@guatu/shared/domain/project'
import { useBoardConnection } from '../sync/useBoardConnection.ts'

/** Adds a project with the 台账 defaults at the end of 谋划 and opens it for filling in. */
export const NewProjectButton = memo(function NewProjectButton({
  onCreated,
  onError,
}: {
  onCreated: (id: ProjectId) => void
  onError: (message: string) => void
}) {
  const { doc } = useBoardConnection()
  const create = () => {
    try {
      onCreated(createProject(doc, {}))
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
