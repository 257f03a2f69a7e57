import { memo } from 'react'
import { CONNECTION_STATE_LABEL } from '../sync/connectionStatus.ts'
import { useConnectionStatus } from '../sync/useConnectionStatus.ts'
import { useSavedState } from '../sync/useSavedState.ts'

/**
 * Always on screen at the top of the phone view: the connection, and what is not yet on the
 * server — board changes not yet acknowledged plus photos waiting in the upload queue.
 */
export const PhoneStatusBar = memo(function PhoneStatusBar({ title, queuedPhotos }: { title: string; queuedPhotos: number }) {
  const { state, closedReason } = useConnectionStatus()
  const { unsavedCount } = useSavedState()
  const pending = unsavedCount + queuedPhotos
  return (
    <header className="phone-bar">
      <h1 className="phone-title">{title}</h1>
      <div className="phone-status" role="status" aria-live="polite">
        <span className={`phone-pill phone-conn-${state}`} data-testid="connection-status" data-state={state} title={closedReason}>
          {CONNECTION_STATE_LABEL[state]}
        </span>
        <span className={`phone-pill ${pending === 0 ? 'phone-saved' : 'phone-pending'}`} data-testid="saved-status" data-unsaved={pending}>
          {pending === 0 ? '已保存' : `${pending} 项未同步`}
        </span>
      </div>
    </header>
  )
})
