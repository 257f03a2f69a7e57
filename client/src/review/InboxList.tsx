import { memo, useCallback } from 'react'
import type * as Y from 'yjs'
import { INBOX_KIND_LABEL, inboxItems, type InboxItem } from '@guatu/shared/board/inboxQueries'
import { readProject } from '@guatu/shared/board/projectQueries'
import { todayInChina } from '@guatu/shared/domain/dates'
import type { ProjectId } from '@guatu/shared/domain/project'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { useReviewSnapshot } from './useReviewSnapshot.ts'

type Row = InboxItem & { projectName?: string }
const keys = (rows: readonly Row[]) => rows.map((row) => `${row.kind}:${row.key}:${row.projectName ?? ''}`).join('|')

/** 我的待办: what needs this user's action, each row opening its project where it has one. */
export const InboxList = memo(function InboxList({ onOpenProject }: { onOpenProject: (id: ProjectId) => void }) {
  const principal = usePrincipal()
  const read = useCallback(
    (doc: Y.Doc): Row[] =>
      inboxItems(doc, principal, todayInChina()).map((item) =>
        item.projectId ? { ...item, projectName: readProject(doc, item.projectId as ProjectId)?.name ?? '' } : item,
      ),
    [principal],
  )
  const rows = useReviewSnapshot(read, keys)
  return (
    <section aria-labelledby="inbox-title">
      <h3 id="inbox-title">我的待办（{rows.length}）</h3>
      {rows.length === 0 ? (
        <p data-testid="inbox-empty">没有待办事项。</p>
      ) : (
        <ul className="review-list" data-testid="inbox-list">
          {rows.map((row) => (
            <li key={`${row.kind}:${row.key}`} className="review-item" data-kind={row.kind}>
              <strong>{INBOX_KIND_LABEL[row.kind]}</strong>
              <span>{row.unit}</span>
              {row.projectId && (
                <button type="button" className="link-button" onClick={() => onOpenProject(row.projectId as ProjectId)}>
                  {row.projectName}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
})
