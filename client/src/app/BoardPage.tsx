import { useCallback, useEffect, useState } from 'react'
import type { ProjectId } from '@guatu/shared/domain/project'
import { Board } from '../board/Board.tsx'
import { FilterBar } from '../filter/FilterBar.tsx'
import { useBoardQuery } from '../filter/useBoardQuery.ts'
import { ProblemsPage } from '../problems/ProblemsPage.tsx'
import { useLocalUser } from '../presence/useLocalUser.ts'
import { ProjectPanel } from '../project-panel/ProjectPanel.tsx'
import { BoardConnectionContext } from '../sync/boardConnectionContext.ts'
import { useOpenBoardConnection } from '../sync/useOpenBoardConnection.ts'
import { BoardHeader } from './BoardHeader.tsx'
import { Toast, type ToastMessage } from './Toast.tsx'
import { boardPath, navigate } from './route.ts'
import { useBoardMeta } from './useBoardMeta.ts'

/** Which page of the board: the kanban itself or its 问题清单. */
export type BoardView = 'board' | 'problems'

/**
 * `/board/:boardId` and `/board/:boardId/problems`, over one connection. Owns what must survive a reconnection after a rejected update — the open
 * panel and the message explaining the rejection — while the connection below it is replaced.
 */
export function BoardPage({ boardId, view }: { boardId: string; view: BoardView }) {
  const meta = useBoardMeta(boardId)
  const { query, setQuery } = useBoardQuery()
  const user = useLocalUser()
  const [generation, setGeneration] = useState(0)
  const [toast, setToast] = useState<ToastMessage | null>(null)
  const [openProject, setOpenProject] = useState<{ id: ProjectId; isNew: boolean } | null>(null)

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
  const closePanel = useCallback(() => setOpenProject(null), [])
  // From the 问题清单: back to the board, with the project's panel open on it.
  const openFromProblems = useCallback(
    (id: ProjectId) => {
      setOpenProject({ id, isNew: false })
      navigate(boardPath(boardId))
    },
    [boardId],
  )
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

  return (
    <div className="board-page">
      {connection ? (
        <BoardConnectionContext.Provider value={connection}>
          <BoardHeader boardId={boardId} view={view} title={title} onCreated={openNew} onError={showMessage} />
          {view === 'board' ? (
            <>
              <FilterBar boardId={boardId} query={query} onChange={setQuery} />
              <main className="board-main">
                <Board key={generation} query={query} onOpen={open} onError={showMessage} />
              </main>
            </>
          ) : (
            <main className="board-main problems-main">
              <ProblemsPage key={generation} onOpenProject={openFromProblems} />
            </main>
          )}
          {openProject && (
            <ProjectPanel
              key={`${generation}-${openProject.id}`}
              projectId={openProject.id}
              focusName={openProject.isNew}
              onClose={closePanel}
            />
          )}
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
