import { memo } from 'react'
import type { ProjectId } from '@guatu/shared/domain/project'
import { CurrentUser } from '../auth/CurrentUser.tsx'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { ImportButton } from '../ledger/ImportButton.tsx'
import { PresenceBar } from '../presence/PresenceBar.tsx'
import { NewProjectButton } from '../project-panel/NewProjectButton.tsx'
import { ConnectionIndicator } from '../sync/ConnectionIndicator.tsx'
import { AppLink } from './AppLink.tsx'
import type { BoardView } from './BoardPage.tsx'
import { boardPath, problemsPath } from './route.ts'

export const BoardHeader = memo(function BoardHeader({
  boardId,
  view,
  title,
  onCreated,
  onError,
}: {
  boardId: string
  view: BoardView
  title: string
  onCreated: (id: ProjectId) => void
  onError: (message: string) => void
}) {
  // A wall display stays on the board; the page links are for people.
  const person = usePrincipal().kind === 'user'
  return (
    <header className="board-header">
      <a href="/" className="home-link" aria-label="返回看板列表">
        挂图作战
      </a>
      <h1 className="board-title">{title}</h1>
      {person && (
        <nav className="board-nav" aria-label="看板页面">
          <AppLink href={boardPath(boardId)} aria-current={view === 'board' ? 'page' : undefined} data-testid="nav-board">
            看板
          </AppLink>
          <AppLink href={problemsPath(boardId)} aria-current={view === 'problems' ? 'page' : undefined} data-testid="nav-problems">
            问题清单
          </AppLink>
        </nav>
      )}
      <NewProjectButton onCreated={onCreated} onError={onError} />
      <ImportButton boardId={boardId} />
      <PresenceBar />
      <ConnectionIndicator />
      <CurrentUser />
    </header>
  )
})
