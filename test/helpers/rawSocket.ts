import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { MessageType } from '@guatu/shared/sync/protocol'
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
  waitForFrame(accept: (frame: RawFrame) => boolean, message: string, timeoutMs?: number): Promise<RawFrame>
  close(): void
}

export async function openRawSyncSocket(
  server: TestServer,
  boardId: string,
  params: Record<string, string> = {},
): Promise<RawSyncSocket> {
  const query = new URLSearchParams(params).toString()
  const ws = new WebSocket(`${server.wsUrl}/${encodeURIComponent(boardId)}${query ? `?${query}` : ''}`)
  ws.binaryType = 'nodebuffer'
  const doc = new Y.Doc()
  const frames: RawFrame[] = []
  const listeners = new Set<(frame: RawFrame) => void>()

  ws.on('message', (data: Buffer) => {
    const bytes = new Uint8Array(data)
    const decoder = decoding.createDecoder(bytes)
    const type = decoding.readVarUint(decoder)
    const frame: RawFrame = { type, bytes }
    if (type === MessageType.sync) {
      const reply = encoding.createEncoder()
      encoding.writeVarUint(reply, MessageType.sync)
      frame.syncType = syncProtocol.readSyncMessage(decoder, reply, doc, 'server')
      if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply))
    }
    frames.push(frame)
    for (const listener of listeners) listener(frame)
  })

  const close = () => {
    ws.close()
    doc.destroy()
  }
  deferCleanup(close)

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`raw socket did not open within ${DEFAULT_WAIT_MS} ms`)), DEFAULT_WAIT_MS)
    ws.once('open', () => {
      clearTimeout(timer)
      resolve()
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
    ws.send(encoding.toUint8Array(encoder))
  }
  sendStep1()

  return {
    doc,
    frames,
    sendUpdate(update) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.sync)
      syncProtocol.writeUpdate(encoder, update)
      ws.send(encoding.toUint8Array(encoder))
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
    waitForFrame,
    close,
  }
}
