import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import * as Y from 'yjs'

export interface BenchClient {
  doc: Y.Doc
  provider: WebsocketProvider
  synced: Promise<void>
}

/** A stock y-websocket client, as any script would use, with BroadcastChannel off. */
export function benchClient(wsUrl: string, boardId: string, token: string): BenchClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(wsUrl, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve()
    else provider.once('sync', () => resolve())
  })
  return { doc, provider, synced }
}
