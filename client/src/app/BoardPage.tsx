import { useCallback, useEffect, useState } from 'react'
import type { ProjectId } from '@guatu/shared/domain/project'
import { Board } from '../board/Board.tsx'
import { useLocalUser } from '../presence/useLocalUser.ts'
import { ProjectPanel } from '../project-panel/ProjectPanel.tsx'
import { BoardConnectionContext } from '../sync/boardConnectionContext.ts'
import { useOpenBoardConnection } from '../sync/useOpenBoardConnection.ts'
import { BoardHeader } from './BoardHeader.tsx'
import { Toast, type ToastMessage } from './Toast.tsx'
import { useBoardMeta } from './useBoardMeta.ts'

/**
 * `/board/:boardId`. Owns what must survive a reconnection after a rejected update — the open
 * panel and the message explaining the rejection — while the connection below it is replaced.
 */
export function BoardPage({ boardId }: { boardId: string }) {
  const meta = useBoardMeta(boardId)
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
          <BoardHeader title={title} onCreated={openNew} onError={showMessage} />
          <main className="board-main">
            <Board key={generation} onOpen={open} onError={showMessage} />
          </main>
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
