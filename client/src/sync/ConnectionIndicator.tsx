import { memo } from 'react'
import { CONNECTION_STATE_LABEL } from './connectionStatus.ts'
import { useConnectionStatus } from './useConnectionStatus.ts'
import { useSavedState } from './useSavedState.ts'

/**
 * 已连接 / 正在重连… / 离线, why the server closed the socket (登录已失效, 无权限, 看板不存在, 过于频繁),
 * and 已保存 / N 项未同步 (our changes the server has not yet acknowledged as stored, including those
 * made offline) — announced politely to screen readers.
 */
export const ConnectionIndicator = memo(function ConnectionIndicator() {
  const { state, synced, closedReason, closedCode } = useConnectionStatus()
  const { unsavedCount } = useSavedState()
  return (
    <div className="connection-indicator" role="status" aria-live="polite">
      <span
        className={`status-pill status-${state}`}
        data-testid="connection-status"
        data-state={state}
        data-synced={synced ? 'true' : 'false'}
        title={closedReason}
      >
        <span className="status-dot" aria-hidden="true" />
        {CONNECTION_STATE_LABEL[state]}
      </span>
      {closedReason && state !== 'connected' && (
        <span className="status-pill status-reason" data-testid="connection-reason" data-code={closedCode}>
          {closedReason}
        </span>
      )}
      <span className={`status-pill ${unsavedCount === 0 ? 'saved-all' : 'saved-pending'}`} data-testid="saved-status" data-unsaved={unsavedCount}>
        {unsavedCount === 0 ? '已保存' : `${unsavedCount} 项未同步`}
      </span>
    </div>
  )
})
