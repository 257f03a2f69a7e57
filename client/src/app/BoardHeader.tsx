import { memo } from 'react'
import type { ProjectId } from '@guatu/shared/domain/project'
import { PresenceBar } from '../presence/PresenceBar.tsx'
import { NewProjectButton } from '../project-panel/NewProjectButton.tsx'
import { ConnectionIndicator } from '../sync/ConnectionIndicator.tsx'

export const BoardHeader = memo(function BoardHeader({
  title,
  onCreated,
  onError,
  onRename,
}: {
  title: string
  onCreated: (id: ProjectId) => void
  onError: (message: string) => void
  onRename: () => void
}) {
  return (
    <header className="board-header">
      <a href="/" className="home-link" aria-label="返回看板列表">
        挂图作战
      </a>
      <h1 className="board-title">{title}</h1>
      <NewProjectButton onCreated={onCreated} onError={onError} />
      <PresenceBar onRename={onRename} />
      <ConnectionIndicator />
    </header>
  )
})
