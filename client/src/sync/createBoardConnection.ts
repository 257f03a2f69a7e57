import * as authProtocol from 'y-protocols/auth'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { CloseCode, MessageType, readSavedAck, SYNC_PATH, SyncParam } from '@guatu/shared/sync/protocol'
import type { Presence } from '@guatu/shared/sync/presence'
import { urlToken } from '../api/urlToken.ts'
import { createBoardUndo, type BoardUndo } from '../undo/boardUndo.ts'
import { createBoardViewStore, type BoardViewStore } from './boardViewStore.ts'
import { isFinalClose } from './closeReasons.ts'
import { watchConnectionStatus, type ConnectionStatus } from './connectionStatus.ts'
import type { ExternalStore } from './externalStore.ts'
import { openOfflineCache } from './offlineCache.ts'
import { handleIncomingSync } from './incomingUpdates.ts'
import { controlReconnection } from './reconnectScheduler.ts'
import { trackSavedState, type SavedState } from './savedTracker.ts'

export type PresenceUser = Presence['user']
export type PresenceActivity = NonNullable<Presence['activity']>

/** Everything one open board needs: the document, its socket, and the stores React reads. */
export interface BoardConnection {
  readonly boardId: string
  readonly doc: Y.Doc
  readonly awareness: Awareness
  readonly view: BoardViewStore
  readonly status: ExternalStore<ConnectionStatus>
  readonly saved: ExternalStore<SavedState>
  /** Undo / redo of this tab's own changes (undo/boardUndo.ts). */
  readonly undo: BoardUndo
  setUser: (user: PresenceUser) => void
  setActivity: (activity: PresenceActivity | null) => void
  /** Closes the socket and drops the document; the connection cannot be used afterwards. */
  destroy: () => void
}

export interface BoardConnectionOptions {
  user: PresenceUser
  /**
   * The server refused one of our updates (permission denied, invalid field). It never stored the
   * change, so our document has diverged from everyone else's: the caller must destroy this
   * connection and open a fresh one to return to the server's state.
   */
  onRejected: (reason: string) => void
  /** The server closed the socket with 4401: the session is gone and the person must sign in again. */
  onUnauthorized: () => void
  /**
   * The principal may not write (a wall screen, a viewer): the offline cache is shown but never
   * offered back to the server.
   */
  readOnly?: boolean
  /**
   * A read-only principal's cache holds something the server does not have; it has been cleared
   * and the caller should open a fresh connection.
   */
  onStaleCache?: () => void
}

function syncServerUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${window.location.host}${SYNC_PATH}`
}

export function createBoardConnection(boardId: string, options: BoardConnectionOptions): BoardConnection {
  const doc = new Y.Doc()
  const token = urlToken()
  const provider = new WebsocketProvider(syncServerUrl(), boardId, doc, {
    // A screen link or API token travels as `?token=`; otherwise the browser sends the session cookie.
    params: token ? { [SyncParam.acks]: '1', [SyncParam.token]: token } : { [SyncParam.acks]: '1' },
    // y-websocket treats every 44xx as final; 4429 (too many messages) is worth retrying.
    shouldReconnect: (event) => !isFinalClose(event.code),
    // Tabs must not exchange updates behind the server's back: a change the server rejects would
    // otherwise live on in the other tab and be re-sent from there.
    disableBc: true,
    // The cached board goes into the document before the socket opens (see below).
    connect: false,
  })
  const saved = trackSavedState(doc)
  const status = watchConnectionStatus(provider)
  const view = createBoardViewStore(doc)
  const undo = createBoardUndo(doc)
  const cache = openOfflineCache(boardId, doc)
  let rejected = false
  let destroyed = false

  provider.messageHandlers[MessageType.savedAck] = (_encoder, decoder) => {
    saved.acknowledge(readSavedAck(decoder))
  }
  provider.messageHandlers[MessageType.auth] = (_encoder, decoder) => {
    authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => {
      // Report once: the server may refuse several queued updates before we are torn down.
      if (rejected) return
      rejected = true
      // The refused change is already in the cache; it must not come back on the next visit.
      cache.clear()
      options.onRejected(reason || '服务器拒绝了这次修改')
    })
  }
  const dropIncoming = handleIncomingSync(
    provider,
    options.readOnly
      ? {
          readOnly: {
            onStaleCache: () => {
              if (rejected) return
              rejected = true
              cache.clear()
              options.onStaleCache?.()
            },
          },
        }
      : {},
  )

  // Emitted only for the closes shouldReconnect calls final, after the provider has settled.
  provider.on('closed', ({ code }) => {
    // shouldReconnect already stopped the retries; disconnect makes "stay offline" explicit.
    provider.disconnect()
    if (code === CloseCode.unauthorized) options.onUnauthorized()
  })

  // Presence is withdrawn whenever we cannot be reached (offline, page hidden for good) so that
  // peers do not see a departed colleague "editing" a card; it comes back on reconnect.
  let presence: Presence = { user: options.user, activity: null }
  let present = true
  const showPresence = () => {
    present = true
    provider.awareness.setLocalState(presence)
  }
  const hidePresence = () => {
    present = false
    provider.awareness.setLocalState(null)
  }
  const setPresence = (next: Presence) => {
    presence = next
    if (present) provider.awareness.setLocalState(presence)
  }
  const onStatus = ({ status: socket }: { status: string }) => {
    if (socket === 'connected' && !present) showPresence()
  }
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted && !present) showPresence()
  }
  provider.on('status', onStatus)
  window.addEventListener('pagehide', hidePresence)
  window.addEventListener('beforeunload', hidePresence)
  window.addEventListener('pageshow', onPageShow)
  const reconnection = controlReconnection(provider, { onOffline: hidePresence, onOnline: () => undefined })
  provider.awareness.setLocalState(presence)

  // The cached board renders first; connecting afterwards makes the server's sync step 1 compare
  // against the cached state, so offline edits are sent in the first exchange (and, for a
  // read-only principal, a stale cache is noticed there).
  void cache.loaded.then(() => {
    if (!destroyed && navigator.onLine !== false) provider.connect()
  })

  return {
    boardId,
    doc,
    awareness: provider.awareness,
    view,
    status,
    saved,
    undo,
    setUser: (user) => setPresence({ ...presence, user }),
    setActivity: (activity) => setPresence({ ...presence, activity }),
    destroy: () => {
      destroyed = true
      reconnection.stop()
      provider.off('status', onStatus)
      window.removeEventListener('pagehide', hidePresence)
      window.removeEventListener('beforeunload', hidePresence)
      window.removeEventListener('pageshow', onPageShow)
      undo.stop()
      view.stop()
      status.stop()
      saved.stop()
      cache.close()
      // Tell peers we left now rather than letting our marks linger until awareness times out.
      provider.awareness.setLocalState(null)
      provider.destroy()
      dropIncoming()
      doc.destroy()
    },
  }
}
