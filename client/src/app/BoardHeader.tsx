import { memo } from 'react'
import type { ProjectId } from '@guatu/shared/domain/project'
import { CurrentUser } from '../auth/CurrentUser.tsx'
import { PresenceBar } from '../presence/PresenceBar.tsx'
import { NewProjectButton } from '../project-panel/NewProjectButton.tsx'
import { ConnectionIndicator } from '../sync/ConnectionIndicator.tsx'

export const BoardHeader = memo(function BoardHeader({
  title,
  onCreated,
  onError,
}: {
  title: string
  onCreated: (id: ProjectId) => void
  onError: (message: string) => void
}) {
  return (
    <header className="board-header">
      <a href="/" className="home-link" aria-label="返回看板列表">
        挂图作战
      </a>
      <h1 className="board-title">{title}</h1>
      <NewProjectButton onCreated={onCreated} onError={onError} />
      <PresenceBar />
      <ConnectionIndicator />
      <CurrentUser />
    </header>
  )
})
