import { memo, useState } from 'react'
import type { ScreenLink } from '@guatu/shared/api/screenLinks'
import { revokeScreenLink } from '../api/screenLinksApi.ts'
import { formatHistoryTime } from '../history/formatHistoryTime.ts'

/** Whether a link still opens its board; expired and revoked links are kept in the list for the record. */
function linkState(link: ScreenLink, now: number): { label: string; live: boolean } {
  if (link.revoked) return { label: '已撤销', live: false }
  if (link.expiresAt && Date.parse(link.expiresAt) <= now) return { label: '已过期', live: false }
  return { label: '有效', live: true }
}

/** One screen link; revoking takes two clicks because it blanks a wall display mid-meeting. */
export const ScreenLinkRow = memo(function ScreenLinkRow({
  link,
  boardName,
  now,
  onChanged,
}: {
  link: ScreenLink
  boardName: string
  now: number
  onChanged: () => void
}) {
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const state = linkState(link, now)
  const revoke = async () => {
    setBusy(true)
    setError(undefined)
    try {
      await revokeScreenLink(link.id)
      setConfirming(false)
      onChanged()
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : '撤销失败')
    } finally {
      setBusy(false)
    }
  }
  return (
    <tr data-testid="screen-link-row">
      <td>{link.name}</td>
      <td>{boardName}</td>
      <td>{link.createdAt ? formatHistoryTime(link.createdAt) : '—'}</td>
      <td>{link.expiresAt ? formatHistoryTime(link.expiresAt) : '长期有效'}</td>
      <td>
        <span className={`state-tag ${state.live ? 'state-on' : 'state-off'}`}>{state.label}</span>
      </td>
      <td>
        {state.live && !confirming && (
          <button type="button" className="danger-button" onClick={() => setConfirming(true)}>
            撤销
          </button>
        )}
        {confirming && (
          <div className="delete-confirm" role="group" aria-label="确认撤销">
            <span>撤销后使用此链接的大屏会立即断开，确定吗？</span>
            <button type="button" className="danger-button" autoFocus disabled={busy} onClick={() => void revoke()}>
              确认撤销
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              取消
            </button>
          </div>
        )}
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
      </td>
    </tr>
  )
})
