import * as decoding from 'lib0/decoding'
import * as authProtocol from 'y-protocols/auth'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import WebSocket from 'ws'
import { MessageType, readSavedAck, SyncParam } from '@guatu/shared/sync/protocol'
import { deferCleanup } from './cleanup.ts'
import type { TestServer } from './server.ts'
import { DEFAULT_WAIT_MS, waitForEvent } from './wait.ts'

export interface ConnectOptions {
  /** Ask the server for savedAck messages (type 100) with `acks=1`. */
  acks?: boolean
  /** Start disconnected; call `connect()` later. */
  connect?: boolean
  /** Use this document instead of a fresh one. */
  doc?: Y.Doc
  /** The `?token=` credential; defaults to `server.adminToken`, `null` sends none. */
  token?: string | null
  /** A `guatu_session=…` cookie sent on the upgrade (instead of the admin token unless `token` is given). */
  cookie?: string
}

export interface CloseRecord {
  code: number
  reason: string
}

/** A stock y-websocket client in this process, talking to a real server over a real socket. */
export interface TestClient {
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  /** Reasons of every auth permission-denied message (type 2) the server sent, in order. */
  readonly deniedReasons: readonly string[]
  /** Every close of the provider's socket by the server, in order. */
  readonly closes: readonly CloseRecord[]
  /** Latest durable clock per Yjs client id from savedAck messages (only with `acks`). */
  readonly savedClocks: ReadonlyMap<number, number>
  /** How many savedAck messages arrived. */
  readonly savedAckCount: number
  /** Resolves once the provider has exchanged state with the server. */
  waitSynced(timeoutMs?: number): Promise<void>
  /**
   * Resolves once a savedAck covers every change this client made so far: the acked clock for
   * this doc's client id reaches its state-vector entry (the count of its changes).
   */
  waitSaved(timeoutMs?: number): Promise<void>
  /** Resolves with the first server close `accept` accepts (including one that already happened). */
  waitClosed(accept: (close: CloseRecord) => boolean, message: string, timeoutMs?: number): Promise<CloseRecord>
  disconnect(): void
  connect(): void
  destroy(): void
}

/**
 * Connects a y-websocket 3 provider to `ws://127.0.0.1:PORT/sync/<boardId>`. BroadcastChannel is
 * off: clients in one test process would otherwise sync through it and hide the server.
 */
export function connectClient(server: TestServer, boardId: string, options: ConnectOptions = {}): TestClient {
  const doc = options.doc ?? new Y.Doc()
  const params: Record<string, string> = options.acks ? { [SyncParam.acks]: '1' } : {}
  const token = options.token === undefined ? (options.cookie === undefined ? server.adminToken : null) : options.token
  if (token !== null) params[SyncParam.token] = token
  const provider = new WebsocketProvider(server.wsUrl, boardId, doc, {
    WebSocketPolyfill: socketClassWithHeaders(options.cookie === undefined ? {} : { cookie: options.cookie }),
    params,
    connect: options.connect ?? true,
    disableBc: true,
    maxBackoffTime: 500,
  })
  const client = new ProviderClient(doc, provider)
  deferCleanup(() => client.destroy())
  return client
}

type MessageHandler = WebsocketProvider['messageHandlers'][number]

/** A `ws` WebSocket class that sends `headers` on the upgrade; the provider constructs it with (url, protocols). */
export function socketClassWithHeaders(headers: Record<string, string>): typeof globalThis.WebSocket {
  if (Object.keys(headers).length === 0) return WebSocket as unknown as typeof globalThis.WebSocket
  class WebSocketWithHeaders extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers })
    }
  }
  return WebSocketWithHeaders as unknown as typeof globalThis.WebSocket
}

// Each y-websocket provider adds a process 'exit' listener; a ten-client fuzz run is not a leak.
process.setMaxListeners(Math.max(process.getMaxListeners(), 64))

class ProviderClient implements TestClient {
  readonly deniedReasons: string[] = []
  readonly closes: CloseRecord[] = []
  readonly savedClocks = new Map<number, number>()
  savedAckCount = 0
  private readonly savedAckListeners = new Set<() => void>()
  private destroyed = false

  constructor(
    readonly doc: Y.Doc,
    readonly provider: WebsocketProvider,
  ) {
    const onAuth: MessageHandler = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => {
        this.deniedReasons.push(reason)
      })
    }
    const onSavedAck: MessageHandler = (_encoder, decoder) => {
      for (const { clientId, clock } of readSavedAck(decoder as decoding.Decoder)) {
        this.savedClocks.set(clientId, Math.max(clock, this.savedClocks.get(clientId) ?? 0))
      }
      this.savedAckCount++
      for (const listener of this.savedAckListeners) listener()
    }
    provider.messageHandlers[MessageType.auth] = onAuth
    provider.messageHandlers[MessageType.savedAck] = onSavedAck
    provider.on('connection-close', (event) => {
      // `null` when this side closed the socket (disconnect(), the idle watchdog).
      if (event) this.closes.push({ code: event.code, reason: event.reason })
    })
  }

  async waitClosed(accept: (close: CloseRecord) => boolean, message: string, timeoutMs = DEFAULT_WAIT_MS): Promise<CloseRecord> {
    const earlier = this.closes.find(accept)
    if (earlier) return earlier
    return waitForEvent<CloseRecord>(
      (listener) => {
        const onClose = (event: { code: number; reason: string } | null) => {
          if (event) listener({ code: event.code, reason: event.reason })
        }
        this.provider.on('connection-close', onClose)
        return () => this.provider.off('connection-close', onClose)
      },
      accept,
      { timeoutMs, message, describe: () => `closes so far: ${JSON.stringify(this.closes)}` },
    )
  }

  async waitSynced(timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    if (this.provider.synced) return
    await waitForEvent<boolean>(
      (listener) => {
        this.provider.on('sync', listener)
        return () => this.provider.off('sync', listener)
      },
      (synced) => synced,
      { timeoutMs, message: `client ${this.doc.clientID} to sync with ${this.provider.url}` },
    )
  }

  async waitSaved(timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    const clientId = this.doc.clientID
    const target = Y.getState(this.doc.store, clientId)
    const covered = () => (this.savedClocks.get(clientId) ?? 0) >= target
    if (covered()) return
    await waitForEvent<void>(
      (listener) => {
        const check = () => listener()
        this.savedAckListeners.add(check)
        return () => this.savedAckListeners.delete(check)
      },
      covered,
      {
        timeoutMs,
        message: `a savedAck covering clock ${target} of client ${clientId}`,
        describe: () =>
          `acked clocks: ${JSON.stringify([...this.savedClocks])}; acks received: ${this.savedAckCount}; ` +
          `permission denied: ${JSON.stringify(this.deniedReasons)}`,
      },
    )
  }

  disconnect(): void {
    this.provider.disconnect()
  }

  connect(): void {
    this.provider.connect()
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.provider.destroy()
    this.doc.destroy()
  }
}

/** Waits until every client is connected and synced. */
export async function waitAllSynced(clients: readonly TestClient[], timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
  await Promise.all(clients.map((client) => client.waitSynced(timeoutMs)))
}

/** Waits until `predicate` holds for `doc`, re-checking after each update (no polling). */
export async function waitForDoc(
  doc: Y.Doc,
  predicate: (doc: Y.Doc) => boolean,
  options: { message: string; timeoutMs?: number; describe?: () => string },
): Promise<void> {
  if (predicate(doc)) return
  await waitForEvent<void>(
    (listener) => {
      const onUpdate = () => listener()
      doc.on('afterTransaction', onUpdate)
      return () => doc.off('afterTransaction', onUpdate)
    },
    () => predicate(doc),
    options,
  )
}
