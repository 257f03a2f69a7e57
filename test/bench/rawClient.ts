/**
 * A thin sync client on raw y-protocols messages, so hundreds of them fit in one worker thread and
 * the load generator does not measure itself. It speaks the y-websocket protocol (Guatu, the
 * y-websocket reference) or the Hocuspocus framing (document name first, a token message before
 * anything else). With a document it is a full peer (the mover); without one it only records
 * when updates arrive (an observer), answering the server's SyncStep1 with an empty state.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import WebSocket from 'ws'
import * as Y from 'yjs'

export const WireProtocol = { yWebsocket: 'y-websocket', hocuspocus: 'hocuspocus' } as const
export type WireProtocol = (typeof WireProtocol)[keyof typeof WireProtocol]

/** Where and how a client connects to one board on one server. */
export interface Endpoint {
  /** Full websocket URL including the room, e.g. ws://127.0.0.1:PORT/sync/BOARD?token=… */
  url: string
  protocol: WireProtocol
  /** The document name (Hocuspocus frames every message with it). */
  documentName: string
}

const MESSAGE_SYNC = 0
/** Hocuspocus: the auth message a client must send first, and its reply to SyncStep1. */
const HOCUSPOCUS_AUTH = 2
const HOCUSPOCUS_SYNC_REPLY = 4
const HOCUSPOCUS_TOKEN = 0
const EMPTY_STATE = Y.encodeStateAsUpdate(new Y.Doc())
const REMOTE = Symbol('remote')
/** A client not synced by then never will be: the benchmark stops with the reason instead of hanging. */
const SYNC_TIMEOUT_MS = 60_000

export interface RawClientOptions {
  /** A document makes this client a full peer; without one it only watches. */
  doc?: Y.Doc
  /** Called with every update the server sends, the initial SyncStep2 included. */
  onUpdate?: (update: Uint8Array) => void
}

export class RawClient {
  readonly synced: Promise<void>
  private readonly socket: WebSocket
  private markSynced!: () => void
  private failSync!: (error: Error) => void
  private isSynced = false
  /** While set, local changes are kept here instead of being sent (see holdLocalUpdates). */
  private held: Uint8Array[] | undefined

  constructor(
    private readonly endpoint: Endpoint,
    private readonly options: RawClientOptions = {},
  ) {
    this.synced = new Promise<void>((resolve, reject) => {
      this.markSynced = resolve
      this.failSync = reject
    })
    // Handled here too, so a client nobody waits on does not end the process when it fails.
    this.synced.catch(() => undefined)
    const syncTimer = setTimeout(() => this.failSync(new Error(`${endpoint.documentName}: not synced after ${SYNC_TIMEOUT_MS / 1000} s`)), SYNC_TIMEOUT_MS)
    void this.synced.then(
      () => clearTimeout(syncTimer),
      () => clearTimeout(syncTimer),
    )
    this.socket = new WebSocket(endpoint.url, { perMessageDeflate: false })
    this.socket.binaryType = 'nodebuffer'
    this.socket.on('open', () => this.onOpen())
    this.socket.on('message', (data: Buffer) => this.onMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)))
    this.socket.on('error', () => undefined)
    this.socket.on('close', (code: number, reason: Buffer) => {
      if (!this.isSynced) this.failSync(new Error(`${endpoint.documentName}: closed before it synced (${code} ${reason.toString() || 'no reason'})`))
    })
    options.doc?.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return
      if (this.held) this.held.push(update)
      else this.sendSync((encoder) => syncProtocol.writeUpdate(encoder, update))
    })
  }

  /** Local changes made from now on are kept back and returned by `releaseHeld`, to be sent on a schedule. */
  holdLocalUpdates(): void {
    this.held = []
  }

  releaseHeld(): Uint8Array[] {
    const held = this.held ?? []
    this.held = undefined
    return held
  }

  sendUpdate(update: Uint8Array): void {
    this.sendSync((encoder) => syncProtocol.writeUpdate(encoder, update))
  }

  close(): void {
    this.socket.terminate()
  }

  private onOpen(): void {
    if (this.endpoint.protocol === WireProtocol.hocuspocus) {
      const encoder = encoding.createEncoder()
      encoding.writeVarString(encoder, this.endpoint.documentName)
      encoding.writeVarUint(encoder, HOCUSPOCUS_AUTH)
      encoding.writeVarUint(encoder, HOCUSPOCUS_TOKEN)
      encoding.writeVarString(encoder, '')
      this.socket.send(encoding.toUint8Array(encoder))
    }
    const doc = this.options.doc
    this.sendSync((encoder) => {
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1)
      encoding.writeVarUint8Array(encoder, doc ? Y.encodeStateVector(doc) : Y.encodeStateVector(new Y.Doc()))
    })
  }

  private sendSync(write: (encoder: encoding.Encoder) => void): void {
    if (this.socket.readyState !== WebSocket.OPEN) return
    const encoder = encoding.createEncoder()
    if (this.endpoint.protocol === WireProtocol.hocuspocus) encoding.writeVarString(encoder, this.endpoint.documentName)
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    write(encoder)
    this.socket.send(encoding.toUint8Array(encoder))
  }

  /** When the last message from the server was received (before it was applied), performance.now(). */
  lastMessageAt = Number.NaN

  private onMessage(message: Uint8Array): void {
    this.lastMessageAt = performance.now()
    const decoder = decoding.createDecoder(message)
    if (this.endpoint.protocol === WireProtocol.hocuspocus) decoding.readVarString(decoder)
    const type = decoding.readVarUint(decoder)
    if (type !== MESSAGE_SYNC && type !== HOCUSPOCUS_SYNC_REPLY) return
    const step = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    const doc = this.options.doc
    switch (step) {
      case syncProtocol.messageYjsSyncStep1:
        this.sendSync((encoder) => {
          encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
          encoding.writeVarUint8Array(encoder, doc ? Y.encodeStateAsUpdate(doc, payload) : EMPTY_STATE)
        })
        break
      case syncProtocol.messageYjsSyncStep2:
        if (doc) Y.applyUpdate(doc, payload, REMOTE)
        // The initial state counts as received too: an observer that joined late has those moves.
        this.options.onUpdate?.(payload)
        if (!this.isSynced) {
          this.isSynced = true
          this.markSynced()
        }
        break
      case syncProtocol.messageYjsUpdate:
        if (doc) Y.applyUpdate(doc, payload, REMOTE)
        this.options.onUpdate?.(payload)
        break
    }
  }
}
