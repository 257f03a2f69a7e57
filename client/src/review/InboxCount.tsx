import { memo, useCallback } from 'react'
import type * as Y from 'yjs'
import { readReportingSettings } from '@guatu/shared/board/boardSettingsAccess'
import { inboxItems, type InboxItem } from '@guatu/shared/board/inboxQueries'
import { todayInChina } from '@guatu/shared/domain/dates'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { AppLink } from '../app/AppLink.tsx'
import { boardSubpagePath } from '../app/route.ts'
import { useReviewSnapshot } from './useReviewSnapshot.ts'

const keys = (items: readonly InboxItem[] | undefined) => (items ? items.map((item) => `${item.kind}:${item.key}`).join('|') : 'off')

/** 我的待办 with its count, in the header, once the board has a reporting cycle; opens the 报送审核 page. */
export const InboxCount = memo(function InboxCount({ boardId }: { boardId: string }) {
  const principal = usePrincipal()
  const read = useCallback((doc: Y.Doc) => (readReportingSettings(doc) ? inboxItems(doc, principal, todayInChina()) : undefined), [principal])
  const items = useReviewSnapshot(read, keys)
  if (!items) return null
  return (
    <AppLink
      href={boardSubpagePath(boardId, 'review')}
      className="inbox-count"
      data-testid="inbox-count"
      data-count={items.length}
      aria-label={`我的待办 ${items.length} 项`}
    >
      我的待办<span className={`inbox-number${items.length > 0 ? ' inbox-some' : ''}`}>{items.length}</span>
    </AppLink>
  )
})
