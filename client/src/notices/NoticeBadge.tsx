import { memo } from 'react'
import type { Notice } from '@guatu/shared/domain/notice'
import { openNoticeSummary } from './openNotices.ts'
import './notices.css'

/** "黄色督办" on a card with an open 督办单, in the level's colour and with its word. */
export const NoticeBadge = memo(function NoticeBadge({ notices }: { notices: readonly Notice[] }) {
  const summary = openNoticeSummary(notices)
  if (!summary) return null
  return (
    <span className={`notice-badge notice-${summary.level}`} data-testid="card-notice-badge" data-level={summary.level} data-count={summary.count}>
      {summary.label}
    </span>
  )
})
