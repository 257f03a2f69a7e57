import { memo } from 'react'
import { canManageBoards, canWrite } from '@guatu/shared/domain/permissions'
import type { ProjectId } from '@guatu/shared/domain/project'
import { CurrentUser } from '../auth/CurrentUser.tsx'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { ImportButton } from '../ledger/ImportButton.tsx'
import { LightCounts } from '../lights/LightCounts.tsx'
import { useBoardLightCounts } from '../lights/useBoardLightCounts.ts'
import { PresenceBar } from '../presence/PresenceBar.tsx'
import { NewProjectButton } from '../project-panel/NewProjectButton.tsx'
import { ConnectionIndicator } from '../sync/ConnectionIndicator.tsx'
import { UndoButtons } from '../undo/UndoButtons.tsx'
import { AppLink } from './AppLink.tsx'
import { InboxCount } from '../review/InboxCount.tsx'
import { useReportingEnabled } from '../review/useReportingEnabled.ts'
import { HeaderMenu } from './HeaderMenu.tsx'
import { StartMeetingButton } from '../meeting/StartMeetingButton.tsx'
import { useFollowedUnit } from '../meeting/useFollowedUnit.ts'
import { boardPath, boardSubpagePath, meetingsPath, type BoardSubpage, type BoardView } from './route.ts'

/** The header's page links, in the order a meeting goes through them. */
const NAV_PAGES: readonly { page: BoardSubpage; label: string; officeOnly?: boolean; reportingOnly?: boolean }[] = [
  { page: 'map', label: '地图' },
  { page: 'progress', label: '目标进度' },
  { page: 'warnings', label: '预警' },
  { page: 'notices', label: '督办' },
  // Departments see it once the office has set up the reporting cycle (the office sets it up there).
  { page: 'review', label: '报送审核', reportingOnly: true },
  { page: 'ranking', label: '排名' },
  { page: 'problems', label: '问题清单' },
  { page: 'lookback', label: '回头看' },
  { page: 'settings', label: '设置', officeOnly: true },
]

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
  const principal = usePrincipal()
  const person = principal.kind === 'user'
  const office = canManageBoards(principal)
  // While following a unit's report the lights are that unit's, as the board below them is.
  const followedUnit = useFollowedUnit()
  const counts = useBoardLightCounts(followedUnit)
  const reporting = useReportingEnabled()
  return (
    <header className="board-header">
      <a href="/" className="home-link" aria-label="返回看板列表">
        挂图作战
      </a>
      <h1 className="board-title" title={title}>
        {title}
      </h1>
      <HeaderMenu>
        {person && (
          <nav className="board-nav" aria-label="看板页面">
            <AppLink href={boardPath(boardId)} aria-current={view === 'board' ? 'page' : undefined} data-testid="nav-board">
              看板
            </AppLink>
            {NAV_PAGES.filter((link) => office || (!link.officeOnly && (reporting || !link.reportingOnly))).map((link) => (
              <AppLink
                key={link.page}
                href={boardSubpagePath(boardId, link.page)}
                aria-current={view === link.page ? 'page' : undefined}
                data-testid={`nav-${link.page}`}
              >
                {link.label}
              </AppLink>
            ))}
            <AppLink href={meetingsPath(boardId)} aria-current={view === 'meetings' || view === 'minutes' ? 'page' : undefined} data-testid="nav-meetings">
              会议
            </AppLink>
          </nav>
        )}
        {person && canWrite(principal) && <InboxCount boardId={boardId} />}
        <span className="header-lights" data-testid="header-lights" data-unit={followedUnit}>
          {followedUnit && (
            <span className="header-lights-scope" title={`正在汇报的${followedUnit}的预警`}>
              {followedUnit}
            </span>
          )}
          <LightCounts counts={counts} testId="board-light-counts" />
        </span>
        <NewProjectButton onCreated={onCreated} onError={onError} />
        <ImportButton boardId={boardId} />
        {office && <StartMeetingButton />}
        <PresenceBar />
        {canWrite(principal) && <UndoButtons />}
        <CurrentUser />
      </HeaderMenu>
      <ConnectionIndicator />
    </header>
  )
})
