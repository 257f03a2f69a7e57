import { memo } from 'react'
import { canManageBoards } from '@guatu/shared/domain/permissions'
import { CurrentUser } from '../auth/CurrentUser.tsx'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { AppLink } from './AppLink.tsx'
import { RESERVE_PATH, ROLLUPS_PATH, boardPath, navigate } from './route.ts'
import { CreateBoardForm } from './CreateBoardForm.tsx'
import { useBoardList } from './useBoardList.ts'
import { RolloverForm } from '../years/RolloverForm.tsx'

/**
 * `/`: every board of this installation, one per year and jurisdiction, plus — for the project
 * office, which alone may create boards — a form to start a new one.
 */
export const BoardListPage = memo(function BoardListPage() {
  const { state, reload } = useBoardList()
  // shared/ has no board-management permission of its own yet; creating boards is the project
  // office's, like managing accounts (docs/api.md: POST /api/boards is admin-only).
  const mayCreateBoards = canManageBoards(usePrincipal())
  return (
    <main className="board-list-page">
      <div className="board-list-top">
        <h1>挂图作战 · 重点项目看板</h1>
        <AppLink href={RESERVE_PATH}>项目库</AppLink>
        {state.status === 'ready' && state.boards.length > 1 && <AppLink href={ROLLUPS_PATH}>汇总</AppLink>}
        <CurrentUser />
      </div>
      {state.status === 'loading' && <p role="status">正在加载看板列表…</p>}
      {state.status === 'error' && (
        <p role="alert" className="error-text">
          {state.message}{' '}
          <button type="button" onClick={reload}>
            重试
          </button>
        </p>
      )}
      {state.status === 'ready' &&
        (state.boards.length === 0 ? (
          <p>{mayCreateBoards ? '还没有看板，请先新建一个。' : '还没有看板，请联系项目办新建。'}</p>
        ) : (
          <ul className="board-list">
            {state.boards.map((board) => (
              <li key={board.id}>
                <a
                  href={boardPath(board.id)}
                  onClick={(event) => {
                    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
                    event.preventDefault()
                    navigate(boardPath(board.id))
                  }}
                >
                  <span className="board-list-name">{board.name}</span>
                  <span className="board-list-meta">
                    {board.year}年{board.projectCount === undefined ? '' : ` · ${board.projectCount} 个项目`}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        ))}
      {mayCreateBoards && <CreateBoardForm onCreated={(board) => navigate(boardPath(board.id))} />}
      {mayCreateBoards && state.status === 'ready' && state.boards.length > 0 && (
        <RolloverForm boards={state.boards} onCreated={(board) => navigate(boardPath(board.id))} />
      )}
    </main>
  )
})
