import { memo } from 'react'
import { CONNECTION_STATE_LABEL } from './connectionStatus.ts'
import { useConnectionStatus } from './useConnectionStatus.ts'
import { useSavedState } from './useSavedState.ts'

/**
 * The connection and save state inside the project panel: the panel is a modal dialog, drawn above
 * the header's indicator, and someone typing figures into it must still see that they are offline
 * and how much is not yet saved. Not a live region (the header's indicator already announces).
 */
export const PanelConnectionStatus = memo(function PanelConnectionStatus() {
  const { state } = useConnectionStatus()
  const { unsavedCount } = useSavedState()
  return (
    <span className={`status-pill panel-connection status-${state}`} data-testid="panel-connection-status" data-state={state} data-unsaved={unsavedCount}>
      <span className="status-dot" aria-hidden="true" />
      {CONNECTION_STATE_LABEL[state]}
      {unsavedCount > 0 ? ` · ${unsavedCount} 项未同步` : state === 'connected' ? ' · 已保存' : ''}
    </span>
  )
})
