import { memo } from 'react'
import type { ProjectId } from '@guatu/shared/domain/project'
import { LookbackPage } from '../lookback/LookbackPage.tsx'
import { NoticesPage } from '../notices/NoticesPage.tsx'
import { ProblemsPage } from '../problems/ProblemsPage.tsx'
import { ProgressPage } from '../progress/ProgressPage.tsx'
import { RankingPage } from '../ranking/RankingPage.tsx'
import { ReviewPage } from '../review/ReviewPage.tsx'
import { SettingsPage } from '../settings/SettingsPage.tsx'
import { WarningsPage } from '../warnings/WarningsPage.tsx'
import type { BoardSubpage } from './route.ts'

/** The board's pages other than the kanban, all reading the one live connection. */
export const BoardViewContent = memo(function BoardViewContent({
  boardId,
  view,
  onOpenProject,
  onMessage,
}: {
  boardId: string
  view: Exclude<BoardSubpage, 'map'>
  onOpenProject: (id: ProjectId) => void
  onMessage: (message: string) => void
}) {
  switch (view) {
    case 'problems':
      return <ProblemsPage onOpenProject={onOpenProject} />
    case 'progress':
      return <ProgressPage boardId={boardId} onOpenProject={onOpenProject} onError={onMessage} />
    case 'warnings':
      return <WarningsPage onOpenProject={onOpenProject} />
    case 'notices':
      return <NoticesPage onOpenProject={onOpenProject} />
    case 'review':
      return <ReviewPage onOpenProject={onOpenProject} onMessage={onMessage} />
    case 'ranking':
      return <RankingPage boardId={boardId} onError={onMessage} />
    case 'lookback':
      return <LookbackPage boardId={boardId} onMessage={onMessage} />
    case 'settings':
      return <SettingsPage onSaved={onMessage} />
  }
})
