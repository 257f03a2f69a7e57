import * as authProtocol from 'y-protocols/auth'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { AssembledServer } from '@guatu/server/assembleServer'
import { resolvePrincipal } from '@guatu/server/http/authentication'
import type { Logger } from '@guatu/server/log'
import { Connection } from '@guatu/server/sync/connection'
import type { ConnectionLimits } from '@guatu/server/sync/rateLimit'
import type { SharedMessage, SyncSocket } from '@guatu/server/sync/socket'
import { CloseCode, MessageType, SyncParam } from '@guatu/shared/sync/protocol'
import type { Rng } from './prng.ts'

/**
 * An in-memory transport between stock y-websocket clients and the real sync server (its
 * Connection, RoomRegistry, CommitQueue and SQLite storage), in the spirit of Yjs's TestConnector
 * and tldraw's TestSocketPair: nothing is delivered until the test says so, and then a seeded PRNG
 * picks which pending message goes next. Each direction of a link keeps its order (a websocket
 * does); across links and directions any interleaving can happen, and the same seed gives the same
 * interleaving: `trace` records every delivery so a replay can be compared step by step.
 */

/** What travels on one direction of a link. */
type Frame = { kind: 'open' } | { kind: 'message'; data: Uint8Array; onSent?: () => void } | { kind: 'close'; code: number; reason: string }

const Direction = { toServer: '→', toClient: '←' } as const
type Direction = (typeof Direction)[keyof typeof Direction]

/** Rate limits do not apply here: the scheduler, not the wall clock, decides when messages arrive. */
const UNLIMITED: ConnectionLimits = { messagesPerSecond: 1_000_000, messageBurst: 1_000_000 }

const QUIET_LOG: Logger = { info: () => {}, warn: () => {}, error: () => {} }

/** One websocket: the server's SyncSocket at one end, the client's MemoryWebSocket at the other. */
class MemoryLink {
  readonly toServer: Frame[] = []
  readonly toClient: Frame[] = []
  connection: Connection | undefined
  serverClosed = false
  clientClosed = false

  constructor(
    readonly name: string,
    readonly client: MemoryWebSocket,
  ) {}

  queue(direction: Direction): Frame[] {
    return direction === Direction.toServer ? this.toServer : this.toClient
  }
}

/** The server end: what Connection writes goes into the link's queue towards the client. */
class MemoryServerSocket implements SyncSocket {
  constructor(private readonly link: MemoryLink) {}

  send(message: Uint8Array): void {
    if (!this.link.serverClosed) this.link.toClient.push({ kind: 'message', data: message.slice() })
  }

  sendShared(message: SharedMessage): void {
    for (const data of message.messages) this.send(data)
  }

  sendParts(parts: readonly Uint8Array[], onSent?: () => void): void {
    if (this.link.serverClosed) return onSent?.()
    const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0))
    let offset = 0
    for (const part of parts) {
      joined.set(part, offset)
      offset += part.byteLength
    }
    this.link.toClient.push({ kind: 'message', data: joined, onSent })
  }

  close(code: number, reason: string): void {
    if (this.link.serverClosed) return
    this.link.serverClosed = true
    this.link.toClient.push({ kind: 'close', code, reason })
  }

  get bufferedAmount(): number {
    return this.link.toClient.reduce((sum, frame) => sum + (frame.kind === 'message' ? frame.data.byteLength : 0), 0)
  }
}

/** The client end, shaped like the browser WebSocket a y-websocket provider expects. */
export class MemoryWebSocket {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSING = 2
  readonly CLOSED = 3
  readyState = 0
  binaryType = 'arraybuffer'
  onopen: ((event: unknown) => void) | null = null
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null
  onclose: ((event: { code: number; reason: string }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  readonly link: MemoryLink

  constructor(harness: Pick<MemorySyncHarness, 'accept'>, url: string) {
    this.link = harness.accept(this, new URL(url))
  }

  send(data: ArrayBuffer | Uint8Array): void {
    if (this.readyState !== this.OPEN) return
    const bytes = data instanceof Uint8Array ? data.slice() : new Uint8Array(data.slice(0))
    this.link.toServer.push({ kind: 'message', data: bytes })
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState >= this.CLOSING) return
    this.readyState = this.CLOSING
    this.link.clientClosed = true
    this.link.toServer.push({ kind: 'close', code, reason })
  }
}

/** A y-websocket client whose socket is a MemoryWebSocket of the harness. */
export interface MemoryClient {
  readonly name: string
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  /** Every close the server sent this client, in order. */
  readonly closes: Array<{ code: number; reason: string }>
  /** Reasons of every permission-denied message (y-protocols auth) the server sent, in order. */
  readonly deniedReasons: string[]
}

export class MemorySyncHarness {
  /** Every delivery, in order: `<link> <→|←> <open|message|close>`. Equal traces mean the same delivery order. */
  readonly trace: string[] = []
  private readonly links: MemoryLink[] = []
  private readonly clients: MemoryClient[] = []
  private readonly pendingOpens: Promise<void>[] = []
  private linkCount = 0

  constructor(
    private readonly server: AssembledServer,
    private readonly rng: Rng,
  ) {}

  /** A stock y-websocket provider on `boardId`, with `token` as its `?token=` credential. */
  connectClient(boardId: string, token: string, name = `c${this.clients.length}`): MemoryClient {
    const doc = new Y.Doc()
    // Concurrent edits are ordered by client id: a replay needs the same ids, so the seed picks them.
    doc.clientID = 1 + this.rng.int(2 ** 30)
    const SocketClass = this.socketClass()
    const closes: Array<{ code: number; reason: string }> = []
    const provider = new WebsocketProvider('ws://memory/sync', boardId, doc, {
      params: { [SyncParam.token]: token, name },
      WebSocketPolyfill: SocketClass as unknown as typeof WebSocket,
      // Clients in one process would otherwise sync through BroadcastChannel and hide the server.
      disableBc: true,
      // Reconnects are the test's decision (provider.connect()), never a backoff timer's.
      connect: true,
    })
    provider.on('connection-close', (event) => {
      if (event) closes.push({ code: event.code, reason: event.reason })
    })
    const deniedReasons: string[] = []
    provider.messageHandlers[MessageType.auth] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => deniedReasons.push(reason))
    }
    const client = { name, doc, provider, closes, deniedReasons }
    this.clients.push(client)
    return client
  }

  /** A WebSocket class for the provider: each instance it makes is a new link of this harness. */
  private socketClass(): new (url: string) => MemoryWebSocket {
    const accept = (socket: MemoryWebSocket, url: URL) => this.accept(socket, url)
    return class extends MemoryWebSocket {
      constructor(url: string) {
        super({ accept }, url)
      }
    }
  }

  /** Called by a new MemoryWebSocket: authenticates as the upgrade would and opens the server end. */
  accept(socket: MemoryWebSocket, url: URL): MemoryLink {
    const clientName = url.searchParams.get('name') ?? 'c'
    const link = new MemoryLink(`${clientName}#${this.linkCount++}`, socket)
    this.links.push(link)
    const boardId = decodeURIComponent(url.pathname.split('/').pop() ?? '')
    const token = url.searchParams.get(SyncParam.token) ?? undefined
    this.pendingOpens.push(this.openServerEnd(link, boardId, token))
    return link
  }

  private async openServerEnd(link: MemoryLink, boardId: string, token: string | undefined): Promise<void> {
    const socket = new MemoryServerSocket(link)
    const principal = token ? await resolvePrincipal(this.server.accounts, { bearerToken: token }) : undefined
    if (!principal) {
      socket.close(CloseCode.unauthorized, '登录已失效，请重新登录')
      return
    }
    const connection = new Connection(socket, boardId, principal, UNLIMITED, false, QUIET_LOG, (work) => this.server.commits.dispatch(work))
    link.connection = connection
    link.toClient.push({ kind: 'open' })
    const room = await this.server.rooms.open(boardId)
    if (room) connection.attach(room)
    else connection.close(CloseCode.boardNotFound, '看板不存在')
  }

  /** Messages waiting on any link, in either direction. */
  get pendingCount(): number {
    return this.links.reduce((sum, link) => sum + link.toServer.length + link.toClient.length, 0)
  }

  /**
   * Delivers one pending message, chosen by the PRNG among the heads of all non-empty queues
   * (in link order, towards the server first), and lets the server finish what it started.
   * Returns false when nothing was pending.
   */
  async deliverOne(): Promise<boolean> {
    await this.serverQuiet()
    const heads: Array<{ link: MemoryLink; direction: Direction }> = []
    for (const link of this.links) {
      if (link.toServer.length > 0) heads.push({ link, direction: Direction.toServer })
      if (link.toClient.length > 0) heads.push({ link, direction: Direction.toClient })
    }
    if (heads.length === 0) return false
    const { link, direction } = this.rng.pick(heads)
    const frame = link.queue(direction).shift() as Frame
    // Order only: message bytes hold random Yjs client ids and project ids, which no seed fixes.
    this.trace.push(`${link.name} ${direction} ${frame.kind}`)
    if (direction === Direction.toServer) this.deliverToServer(link, frame)
    else this.deliverToClient(link, frame)
    await this.serverQuiet()
    return true
  }

  /** Delivers up to `count` messages in PRNG order; the rest stay in flight. */
  async deliverSome(count: number): Promise<void> {
    for (let step = 0; step < count && (await this.deliverOne()); step++);
  }

  /** Delivers until nothing is in flight: every answer, and every answer to an answer. */
  async deliverAll(maxSteps = 200_000): Promise<void> {
    for (let step = 0; step < maxSteps; step++) {
      if (!(await this.deliverOne())) return
    }
    throw new Error(`still ${this.pendingCount} messages in flight after ${maxSteps} deliveries`)
  }

  /** Closes every client; the server ends detach as a real socket close would. */
  async closeAll(): Promise<void> {
    for (const client of this.clients) client.provider.destroy()
    await this.deliverAll()
  }

  private deliverToServer(link: MemoryLink, frame: Frame): void {
    const connection = link.connection
    if (!connection || link.serverClosed) return
    if (frame.kind === 'message') connection.receive(frame.data)
    else if (frame.kind === 'close') {
      // The client closed: the server end goes as on a websocket close (syncRoute's release()).
      link.serverClosed = true
      connection.detach()
      link.toClient.push({ kind: 'close', code: frame.code, reason: frame.reason })
    }
  }

  private deliverToClient(link: MemoryLink, frame: Frame): void {
    const socket = link.client
    if (socket.readyState === socket.CLOSED) return
    if (frame.kind === 'open') {
      socket.readyState = socket.OPEN
      socket.onopen?.({})
    } else if (frame.kind === 'message') {
      frame.onSent?.()
      socket.onmessage?.({ data: frame.data.buffer.slice(frame.data.byteOffset, frame.data.byteOffset + frame.data.byteLength) as ArrayBuffer })
    } else {
      socket.readyState = socket.CLOSED
      if (!link.serverClosed) {
        link.serverClosed = true
        link.connection?.detach()
      }
      socket.onclose?.({ code: frame.code, reason: frame.reason })
    }
  }

  /**
   * Waits until the server has done everything the last delivery started: opening links
   * (credentials, board load), handling messages and committing them to SQLite. All of that runs
   * in promises and immediates, so the next PRNG choice sees the same queues on every replay.
   */
  private async serverQuiet(): Promise<void> {
    for (;;) {
      const before = this.pendingCount
      await Promise.all(this.pendingOpens.splice(0))
      await this.server.commits.drained()
      await new Promise<void>((resolve) => setImmediate(resolve))
      if (this.pendingOpens.length === 0 && this.pendingCount === before) return
    }
  }
}
