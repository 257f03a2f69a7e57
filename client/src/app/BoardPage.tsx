import { lazy, Suspense, useCallback, useEffect, useState, type ReactNode } from 'react'
import type { ProjectId } from '@guatu/shared/domain/project'
import { FilterBar } from '../filter/FilterBar.tsx'
import { FollowedBoard } from '../filter/FollowedBoard.tsx'
import { ChangedCardsToggle } from '../lookback/ChangedCardsToggle.tsx'
import { useBoardQuery } from '../filter/useBoardQuery.ts'
import { MeetingBar } from '../meeting/MeetingBar.tsx'
import { MeetingsPage } from '../meeting/MeetingsPage.tsx'
import { MinutesPage } from '../meeting/MinutesPage.tsx'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { PhoneBoard } from '../phone/PhoneBoard.tsx'
import { usePhoneLayout } from '../phone/usePhoneLayout.ts'
import { useLocalUser } from '../presence/useLocalUser.ts'
import { ProjectPanel } from '../project-panel/ProjectPanel.tsx'
import { BoardConnectionContext } from '../sync/boardConnectionContext.ts'
import { BoardYearContext } from '../sync/boardYearContext.ts'
import { useOpenBoardConnection } from '../sync/useOpenBoardConnection.ts'
import { BoardHeader } from './BoardHeader.tsx'
import { BoardViewContent } from './BoardViewContent.tsx'
import { Toast, type ToastMessage } from './Toast.tsx'
import { projectAskedFor, type BoardView } from './route.ts'
import { useBoardMeta } from './useBoardMeta.ts'
import './boardPage.css'

// The map carries ECharts; loaded when 地图 is opened, so the board's first load stays small.
const MapPage = lazy(() => import('../map/MapPage.tsx'))
import '../phone/fullBoard.css'

/**
 * `/board/:boardId` and its pages (`/problems`, `/progress`, `/warnings`, `/notices`, `/ranking`, `/settings`), over one connection. Owns what must survive a reconnection after a rejected update — the open
 * panel and the message explaining the rejection — while the connection below it is replaced.
 */
export function BoardPage({ boardId, view, meetingId }: { boardId: string; view: BoardView; meetingId?: string }) {
  const meta = useBoardMeta(boardId)
  const { query, setQuery } = useBoardQuery()
  const user = useLocalUser()
  const [generation, setGeneration] = useState(0)
  const [toast, setToast] = useState<ToastMessage | null>(null)
  // A link from the project's other years (projectHistoryPath) opens its panel at its history.
  const [openProject, setOpenProject] = useState<{ id: ProjectId; isNew: boolean; atHistory?: boolean } | null>(() => {
    const asked = projectAskedFor(window.location.search)
    return asked ? { id: asked, isNew: false, atHistory: true } : null
  })
  // A department user on a phone lands on the phone view of the same board; the full board stays one tap away.
  const phone = usePhoneLayout(usePrincipal())
  const [fullBoard, setFullBoard] = useState(false)
  const showFullBoard = useCallback(() => setFullBoard(true), [])

  const showMessage = useCallback((text: string) => setToast({ id: Date.now(), text }), [])
  const onRejected = useCallback(
    (reason: string) => {
      showMessage(`修改未被接受：${reason}。看板已恢复为服务器上的数据。`)
      setGeneration((n) => n + 1)
    },
    [showMessage],
  )
  const connection = useOpenBoardConnection(boardId, generation, user, onRejected)

  useEffect(() => {
    connection?.setUser(user)
  }, [connection, user])
  useEffect(() => {
    if (meta.status === 'ready') document.title = `${meta.board.name} · 挂图作战`
  }, [meta])

  const open = useCallback((id: ProjectId) => setOpenProject({ id, isNew: false }), [])
  const openNew = useCallback((id: ProjectId) => setOpenProject({ id, isNew: true }), [])
  const closePanel = useCallback(() => {
    setOpenProject(null)
    // Closed: a reload should not open it again.
    if (projectAskedFor(window.location.search)) history.replaceState(null, '', window.location.pathname)
  }, [])
  // From a list page (问题清单, 预警, 督办 …): the project's panel opens over the page itself, so
  // closing it returns to the list where the office was working.
  const openFromList = useCallback((id: ProjectId) => setOpenProject({ id, isNew: false }), [])
  const dismissToast = useCallback(() => setToast(null), [])

  if (meta.status === 'missing') {
    return (
      <main className="page-message">
        <h1>看板不存在</h1>
        <a href="/">返回看板列表</a>
      </main>
    )
  }
  const title = meta.status === 'ready' ? `${meta.board.name}（${meta.board.year}年）` : '重点项目看板'
  const year = meta.status === 'ready' ? meta.board.year : undefined

  return (
    <div className="board-page">
      {connection ? (
        <BoardConnectionContext.Provider value={connection}>
          <BoardYearWrapper year={year}>
            {phone && !fullBoard && view === 'board' ? (
              <PhoneBoard key={generation} boardId={boardId} title={title} onMessage={showMessage} onFullBoard={showFullBoard} />
            ) : (
              <>
                <BoardHeader boardId={boardId} view={view} title={title} onCreated={openNew} onError={showMessage} />
                <MeetingBar boardId={boardId} onError={showMessage} />
                {view === 'board' ? (
                  <>
                    <FilterBar boardId={boardId} query={query} onChange={setQuery} />
                    <ChangedCardsToggle boardId={boardId} onError={showMessage}>
                      <main className="board-main">
                        <FollowedBoard key={generation} query={query} onOpen={open} onError={showMessage} />
                      </main>
                    </ChangedCardsToggle>
                  </>
                ) : view === 'map' ? (
                  <>
                    <FilterBar boardId={boardId} query={query} onChange={setQuery} />
                    <main className="board-main map-main">
                      <Suspense
                        fallback={
                          <p role="status" className="page-message">
                            正在打开地图…
                          </p>
                        }
                      >
                        <MapPage key={generation} boardId={boardId} query={query} onOpen={open} />
                      </Suspense>
                    </main>
                  </>
                ) : view === 'meetings' ? (
                  <main className="board-main problems-main">
                    <MeetingsPage boardId={boardId} />
                  </main>
                ) : view === 'minutes' ? (
                  <main className="board-main problems-main minutes-main">
                    <MinutesPage key={meetingId} boardId={boardId} meetingId={meetingId ?? ''} onError={showMessage} />
                  </main>
                ) : (
                  <main className="board-main problems-main">
                    <BoardViewContent key={generation} boardId={boardId} view={view} onOpenProject={openFromList} onMessage={showMessage} />
                  </main>
                )}
                {openProject && (
                  <ProjectPanel
                    key={`${generation}-${openProject.id}`}
                    projectId={openProject.id}
                    focusName={openProject.isNew}
                    atHistory={openProject.atHistory === true}
                    onClose={closePanel}
                  />
                )}
              </>
            )}
          </BoardYearWrapper>
        </BoardConnectionContext.Provider>
      ) : (
        <p role="status" className="page-message">
          正在打开看板…
        </p>
      )}
      {toast && <Toast key={toast.id} message={toast} onDismiss={dismissToast} />}
    </div>
  )
}

/** Provides the board's year once its record has arrived; before that the context's default (this year) applies. */
function BoardYearWrapper({ year, children }: { year: number | undefined; children: ReactNode }) {
  return year === undefined ? children : <BoardYearContext.Provider value={year}>{children}</BoardYearContext.Provider>
}
