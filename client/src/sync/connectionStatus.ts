import type { WebsocketProvider } from 'y-websocket'
import { closeReasonText, isFinalClose } from './closeReasons.ts'
import { createStore, type ExternalStore } from './externalStore.ts'

/** What the header tells the room about the link to the server. */
export const ConnectionState = {
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
  offline: 'offline',
} as const
export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState]

export const CONNECTION_STATE_LABEL: Record<ConnectionState, string> = {
  connecting: '正在连接…',
  connected: '已连接',
  reconnecting: '正在重连…',
  offline: '离线',
}

export interface ConnectionStatus {
  state: ConnectionState
  /** True once the server's copy of the board has arrived on the current socket. */
  synced: boolean
  /**
   * Why the server last closed the socket, in Chinese: for good (4401 登录失效, 4403, 4404) or until
   * the provider's next attempt succeeds (4429, 1009). Cleared once connected again.
   */
  closedReason?: string
  closedCode?: number
  /** The close was final: the provider will not reconnect on its own. */
  closedForGood?: boolean
}

/**
 * Follows the provider's socket. y-websocket reports 'disconnected' and then 'connecting' on every
 * retry; after the first successful connection those read as 正在重连…. The browser's own offline
 * signal wins, because the provider only notices a dead network after its 30 s watchdog.
 */
export function watchConnectionStatus(provider: WebsocketProvider): ExternalStore<ConnectionStatus> & {
  stop: () => void
} {
  let everConnected = false
  let socketState: ConnectionState = ConnectionState.connecting
  let closed: { code: number; reason: string; forGood: boolean } | undefined
  const store = createStore<ConnectionStatus>({ state: ConnectionState.connecting, synced: false })

  const publish = () => {
    const browserOffline = typeof navigator !== 'undefined' && navigator.onLine === false
    const state = browserOffline || closed?.forGood ? ConnectionState.offline : socketState
    const synced = state === ConnectionState.connected && provider.synced
    const current = store.get()
    if (current.state === state && current.synced === synced && current.closedReason === closed?.reason && current.closedCode === closed?.code) {
      return
    }
    store.set(closed === undefined ? { state, synced } : { state, synced, closedReason: closed.reason, closedCode: closed.code, closedForGood: closed.forGood })
  }

  const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    if (status === 'connected') {
      everConnected = true
      closed = undefined
      socketState = ConnectionState.connected
    } else {
      socketState = everConnected ? ConnectionState.reconnecting : ConnectionState.connecting
    }
    publish()
  }
  // `event` is null when we closed the socket ourselves; only the server's closes carry a reason.
  const onConnectionClose = (event: CloseEvent | null) => {
    if (!event) return
    const reason = closeReasonText(event.code, event.reason)
    if (reason === undefined) return
    closed = { code: event.code, reason, forGood: isFinalClose(event.code) }
    publish()
  }

  provider.on('status', onStatus)
  provider.on('sync', publish)
  provider.on('connection-close', onConnectionClose)
  window.addEventListener('online', publish)
  window.addEventListener('offline', publish)
  return {
    get: store.get,
    subscribe: store.subscribe,
    stop: () => {
      provider.off('status', onStatus)
      provider.off('sync', publish)
      provider.off('connection-close', onConnectionClose)
      window.removeEventListener('online', publish)
      window.removeEventListener('offline', publish)
    },
  }
}
