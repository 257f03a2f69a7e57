import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as authProtocol from 'y-protocols/auth'
import * as syncProtocol from 'y-protocols/sync'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { MessageType, SyncParam } from '@guatu/shared/sync/protocol'
import type { CloseRecord } from './client.ts'
import { deferCleanup } from './cleanup.ts'
import type { TestServer } from './server.ts'
import { DEFAULT_WAIT_MS, waitForEvent } from './wait.ts'

export interface RawFrame {
  /** The top-level message type (first varuint). */
  type: number
  /** For sync messages, the sync sub-type (0 step1, 1 step2, 2 update). */
  syncType?: number
  bytes: Uint8Array
}

/**
 * A plain `ws` socket that speaks the y-websocket sync protocol by hand, recording every frame the
 * server sends. Used to see exactly which message types reach a client.
 */
export interface RawSyncSocket {
  readonly doc: Y.Doc
  readonly frames: readonly RawFrame[]
  /** Sends a sync update message carrying `update`. */
  sendUpdate(update: Uint8Array): void
  /** Sends SyncStep1 and resolves on the server's SyncStep2 answer: a round trip through the connection. */
  roundTrip(timeoutMs?: number): Promise<void>
  /** Like `roundTrip`, but a close instead of the answer resolves too: 'answered' or 'closed'. */
  roundTripOrClose(timeoutMs?: number): Promise<'answered' | 'closed'>
  /** Reasons of the permission-denied messages (type 2) received so far. */
  deniedReasons(): string[]
  waitForFrame(accept: (frame: RawFrame) => boolean, message: string, timeoutMs?: number): Promise<RawFrame>
  /** Sends bytes as one binary frame, whatever they are; a no-op once the socket is no longer open. */
  sendRaw(bytes: Uint8Array): void
  /** Sends a text frame, which the sync protocol never uses. */
  sendText(text: string): void
  /** Whether the socket is still open. */
  readonly open: boolean
  /** How the server closed the socket, once it did. */
  readonly closed: CloseRecord | undefined
  /** Resolves once the socket has closed (by either side), with its code and reason. */
  waitClosed(message: string, timeoutMs?: number): Promise<CloseRecord>
  close(): void
}

export interface RawSocketOptions {
  /** Extra query parameters (`acks`). */
  params?: Record<string, string>
  /** The `?token=` credential; defaults to `server.adminToken`, `null` sends none. */
  token?: string | null
  /** A `guatu_session=…` cookie sent on the upgrade (instead of the admin token unless `token` is given). */
  cookie?: string
  /** An `Origin` header on the upgrade, as a browser on another site would send. */
  origin?: string
  /** Send SyncStep1 as soon as the socket opens, as a y-websocket client does (default true). */
  syncOnOpen?: boolean
}

/**
 * Opens a socket to `/sync/<boardId>` and resolves once the upgrade succeeded. A server that
 * accepts the upgrade and then closes (bad credentials) still resolves: check `waitClosed`.
 */
export async function openRawSyncSocket(server: TestServer, boardId: string, options: RawSocketOptions = {}): Promise<RawSyncSocket> {
  const params: Record<string, string> = { ...options.params }
  const token = options.token === undefined ? (options.cookie === undefined ? server.adminToken : null) : options.token
  if (token !== null) params[SyncParam.token] = token
  const headers: Record<string, string> = {}
  if (options.cookie !== undefined) headers.cookie = options.cookie
  if (options.origin !== undefined) headers.origin = options.origin
  const query = new URLSearchParams(params).toString()
  const ws = new WebSocket(`${server.wsUrl}/${encodeURIComponent(boardId)}${query ? `?${query}` : ''}`, { headers })
  ws.binaryType = 'nodebuffer'
  const doc = new Y.Doc()
  const frames: RawFrame[] = []
  const listeners = new Set<(frame: RawFrame) => void>()
  let closed: CloseRecord | undefined
  const closeListeners = new Set<(close: CloseRecord) => void>()

  ws.on('message', (data: Buffer) => {
    const bytes = new Uint8Array(data)
    const frame: RawFrame = { type: -1, bytes }
    try {
      const decoder = decoding.createDecoder(bytes)
      frame.type = decoding.readVarUint(decoder)
      if (frame.type === MessageType.sync) {
        const reply = encoding.createEncoder()
        encoding.writeVarUint(reply, MessageType.sync)
        frame.syncType = syncProtocol.readSyncMessage(decoder, reply, doc, 'server')
        if (encoding.length(reply) > 1 && ws.readyState === WebSocket.OPEN) ws.send(encoding.toUint8Array(reply))
      }
    } catch {
      // Recorded with what could be read; a test that cares looks at the bytes.
    }
    frames.push(frame)
    for (const listener of listeners) listener(frame)
  })
  ws.on('close', (code: number, reason: Buffer) => {
    closed = { code, reason: reason.toString('utf8') }
    for (const listener of closeListeners) listener(closed)
  })
  // A refused or reset socket reports an error before 'close'; the close record is what tests read.
  ws.on('error', () => {})

  const close = () => {
    if (ws.readyState === WebSocket.CONNECTING) ws.terminate()
    else ws.close()
    doc.destroy()
  }
  deferCleanup(close)

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`raw socket did not open within ${DEFAULT_WAIT_MS} ms`)), DEFAULT_WAIT_MS)
    ws.once('open', () => {
      clearTimeout(timer)
      resolve()
    })
    ws.once('unexpected-response', (_request, response) => {
      clearTimeout(timer)
      reject(new Error(`the server refused the websocket upgrade with HTTP ${response.statusCode} instead of accepting it and closing with a code`))
    })
    ws.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
  })

  const waitForFrame = (accept: (frame: RawFrame) => boolean, message: string, timeoutMs = DEFAULT_WAIT_MS) => {
    const earlier = frames.find(accept)
    if (earlier) return Promise.resolve(earlier)
    return waitForEvent<RawFrame>(
      (listener) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
      accept,
      { timeoutMs, message, describe: () => `frames so far: ${frames.map((f) => `${f.type}/${f.syncType ?? '-'}`).join(' ')}` },
    )
  }

  const sendStep1 = () => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.sync)
    syncProtocol.writeSyncStep1(encoder, doc)
    if (ws.readyState === WebSocket.OPEN) ws.send(encoding.toUint8Array(encoder))
  }
  if (options.syncOnOpen ?? true) sendStep1()

  const sendRaw = (bytes: Uint8Array) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(bytes)
  }

  return {
    doc,
    frames,
    sendUpdate(update) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.sync)
      syncProtocol.writeUpdate(encoder, update)
      sendRaw(encoding.toUint8Array(encoder))
    },
    sendRaw,
    sendText(text) {
      if (ws.readyState === WebSocket.OPEN) ws.send(text)
    },
    get open() {
      return ws.readyState === WebSocket.OPEN
    },
    get closed() {
      return closed
    },
    waitClosed(message, timeoutMs = DEFAULT_WAIT_MS) {
      if (closed) return Promise.resolve(closed)
      return waitForEvent<CloseRecord>(
        (listener) => {
          closeListeners.add(listener)
          return () => closeListeners.delete(listener)
        },
        () => true,
        { timeoutMs, message, describe: () => `frames so far: ${frames.map((f) => `${f.type}/${f.syncType ?? '-'}`).join(' ')}` },
      )
    },
    async roundTrip(timeoutMs = DEFAULT_WAIT_MS) {
      const before = frames.length
      sendStep1()
      await waitForFrame(
        (frame) => frames.indexOf(frame) >= before && frame.type === MessageType.sync && frame.syncType === syncProtocol.messageYjsSyncStep2,
        'the SyncStep2 answer to a SyncStep1',
        timeoutMs,
      )
    },
    async roundTripOrClose(timeoutMs = DEFAULT_WAIT_MS) {
      if (closed || ws.readyState !== WebSocket.OPEN) return 'closed'
      const before = frames.length
      sendStep1()
      const answered = (frame: RawFrame) =>
        frames.indexOf(frame) >= before && frame.type === MessageType.sync && frame.syncType === syncProtocol.messageYjsSyncStep2
      return waitForEvent<'answered' | 'closed'>(
        (listener) => {
          const onFrame = (frame: RawFrame) => {
            if (answered(frame)) listener('answered')
          }
          const onClose = () => listener('closed')
          listeners.add(onFrame)
          closeListeners.add(onClose)
          // A close that happened between the check above and the subscription.
          if (closed) queueMicrotask(onClose)
          return () => {
            listeners.delete(onFrame)
            closeListeners.delete(onClose)
          }
        },
        () => true,
        { timeoutMs, message: 'a SyncStep2 answer or a close after a SyncStep1' },
      )
    },
    deniedReasons() {
      return frames.filter((frame) => frame.type === MessageType.auth).map((frame) => readDeniedReason(frame.bytes))
    },
    waitForFrame,
    close,
  }
}

/** The reason of a y-protocols auth permission-denied message; fails the test on anything else. */
export function readDeniedReason(bytes: Uint8Array): string {
  const decoder = decoding.createDecoder(bytes)
  const type = decoding.readVarUint(decoder)
  if (type !== MessageType.auth) throw new Error(`expected an auth message (type ${MessageType.auth}), got type ${type}`)
  let reason: string | undefined
  authProtocol.readAuthMessage(decoder, new Y.Doc(), (_doc, denied) => {
    reason = denied
  })
  if (reason === undefined) throw new Error('auth message that is not a permission-denied message')
  return reason
}

/** Encodes the change `change` makes to `doc` as one update, bypassing any command: what a hostile client would send. */
export function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc)
  doc.transact(change)
  return Y.encodeStateAsUpdate(doc, before)
}
