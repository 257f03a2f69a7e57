import type { WebsocketProvider } from 'y-websocket'
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
  /** Why the server closed the socket for good (board not found, no permission). */
  closedReason?: string
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
  let closedReason: string | undefined
  const store = createStore<ConnectionStatus>({ state: ConnectionState.connecting, synced: false })

  const publish = () => {
    const browserOffline = typeof navigator !== 'undefined' && navigator.onLine === false
    const state = browserOffline || closedReason !== undefined ? ConnectionState.offline : socketState
    const synced = state === ConnectionState.connected && provider.synced
    const current = store.get()
    if (current.state === state && current.synced === synced && current.closedReason === closedReason) return
    store.set(closedReason === undefined ? { state, synced } : { state, synced, closedReason })
  }

  const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    if (status === 'connected') {
      everConnected = true
      closedReason = undefined
      socketState = ConnectionState.connected
    } else {
      socketState = everConnected ? ConnectionState.reconnecting : ConnectionState.connecting
    }
    publish()
  }
  const onClosed = ({ code, reason }: { code: number; reason: string }) => {
    closedReason = reason || `连接被服务器关闭（${code}）`
    publish()
  }

  provider.on('status', onStatus)
  provider.on('sync', publish)
  provider.on('closed', onClosed)
  window.addEventListener('online', publish)
  window.addEventListener('offline', publish)
  return {
    get: store.get,
    subscribe: store.subscribe,
    stop: () => {
      provider.off('status', onStatus)
      provider.off('sync', publish)
      provider.off('closed', onClosed)
      window.removeEventListener('online', publish)
      window.removeEventListener('offline', publish)
    },
  }
}
