import { memo, useMemo } from 'react'
import type { BoardSummary } from '@guatu/shared/api/boards'
import { fetchScreenLinks } from '../api/screenLinksApi.ts'
import { CreateScreenLinkForm } from './CreateScreenLinkForm.tsx'
import { ScreenLinkRow } from './ScreenLinkRow.tsx'
import { useLoaded } from './useLoaded.ts'
import { LoadStatus } from './LoadStatus.tsx'

/** 大屏链接: read-only links for wall displays, one board each. */
export const ScreenLinksSection = memo(function ScreenLinksSection({ boards }: { boards: readonly BoardSummary[] }) {
  const { state, reload } = useLoaded(fetchScreenLinks)
  const boardNames = useMemo(() => new Map(boards.map((board) => [board.id, board.name])), [boards])
  // One clock per list render: every row judges 已过期 against the same instant.
  const now = useMemo(() => (state.status === 'ready' ? Date.now() : 0), [state])
  return (
    <section className="admin-section" aria-labelledby="admin-links-title">
      <h2 id="admin-links-title">大屏链接</h2>
      <LoadStatus state={state} loadingText="正在加载大屏链接…" reload={reload} />
      {state.status === 'ready' &&
        (state.value.length === 0 ? (
          <p>还没有大屏链接。</p>
        ) : (
          <table className="admin-table" data-testid="screen-links-table">
            <thead>
              <tr>
                <th scope="col">名称</th>
                <th scope="col">看板</th>
                <th scope="col">创建时间</th>
                <th scope="col">到期时间</th>
                <th scope="col">状态</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {state.value.map((link) => (
                <ScreenLinkRow key={link.id} link={link} boardName={boardNames.get(link.boardId) ?? link.boardId} now={now} onChanged={reload} />
              ))}
            </tbody>
          </table>
        ))}
      <CreateScreenLinkForm boards={boards} onCreated={reload} />
    </section>
  )
})
