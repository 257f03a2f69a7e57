import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { CloseCode, MessageType, encodeSavedAck, type SavedClock } from '@guatu/shared/sync/protocol'
import { principalLabel, type Principal } from '@guatu/shared/domain/principal'
import { errorFields, type Logger } from '../log.ts'
import { MessageRateLimit, type ConnectionLimits } from './rateLimit.ts'
import type { BoardRoom } from './boardRoom.ts'
import type { RoomConnection } from './roomConnection.ts'
import { encodePermissionDenied } from './messages.ts'
import { addNeeds, noNeeds, type HistoryNeeds } from '../validation/updatePreflight.ts'
import type { TransactionOrigin } from './origin.ts'
import type { SharedMessage, SyncSocket } from './socket.ts'

/** A client whose unread backlog grows past this is too slow to follow the board; it resyncs on reconnect. */
export const MAX_BUFFERED_BYTES = 32 * 1024 * 1024
/** Updates held while their sender's earlier history is still on its way, at most this much per connection… */
export const MAX_HELD_UPDATE_BYTES = 4 * 1024 * 1024
/** …and this much across all connections of the process, so many holders cannot exhaust memory. */
export const MAX_HELD_UPDATE_BYTES_TOTAL = 64 * 1024 * 1024
/** Refused updates a connection may send in a minute; each one refused after integration costs a copy rebuild. */
export const MAX_REFUSALS_PER_MINUTE = 20

let heldBytesInProcess = 0

let nextConnectionId = 1

/** Which part of a connection's life a failure happened in (logged; decides the close code). */
export const ConnectionHandler = {
  /** Rate limit and queueing of an incoming websocket message. */
  receive: 'receive',
  /** Decoding and handling one message: sync, awareness, auth. */
  message: 'message',
  /** Joining the loaded room: the server's SyncStep1 and the presence of everyone already there. */
  join: 'join',
  /** The upgrade and authentication, before the connection has a room. */
  open: 'open',
} as const
export type ConnectionHandler = (typeof ConnectionHandler)[keyof typeof ConnectionHandler]

/**
 * One websocket on one board: decodes the y-websocket protocol and hands each message to the room.
 * Messages that arrive before the room is loaded wait here, in order.
 */
export class Connection implements RoomConnection {
  readonly id = nextConnectionId++
  readonly origin: TransactionOrigin = { source: 'connection', connectionId: this.id }
  /** Awareness client ids this connection speaks for, removed when it leaves. */
  readonly awarenessClientIds = new Set<number>()
  private room: BoardRoom | undefined
  private readonly early: Uint8Array[] = []
  private held: Uint8Array[] = []
  private heldBytes = 0
  /** What the held updates wait for (see HistoryNeeds): retried only once the board has it. */
  private needs: HistoryNeeds = noNeeds()
  private refusalTimes: number[] = []
  private closed = false
  private isCaughtUp = false
  private presenceIgnored = false

  private readonly rate: MessageRateLimit

  constructor(
    private readonly socket: SyncSocket,
    readonly boardId: string,
    /** Who authenticated this socket at the upgrade; every update is judged against it. */
    readonly principal: Principal,
    limits: ConnectionLimits,
    readonly wantsAcks: boolean,
    private readonly log: Logger,
    /** Runs message handling now or after the storage write in flight (CommitQueue.dispatch). */
    private readonly dispatch: (work: () => void) => void,
  ) {
    this.rate = new MessageRateLimit(limits.messagesPerSecond, limits.messageBurst)
  }

  attach(room: BoardRoom): void {
    this.guard(ConnectionHandler.join, () => {
      if (this.closed) return
      this.room = room
      room.join(this)
      for (const message of this.early.splice(0)) this.receive(message)
    })
  }

  receive(message: Uint8Array): void {
    this.guard(ConnectionHandler.receive, () => {
      if (this.closed) return
      if (!this.rate.allow()) {
        this.log.warn('message rate exceeded', { boardId: this.boardId, connectionId: this.id, principal: principalLabel(this.principal) })
        this.close(CloseCode.rateLimited, '消息过于频繁，连接已断开')
        return
      }
      const room = this.room
      if (!room) {
        this.early.push(message)
        return
      }
      // Dispatched work may run later, after a write, outside this call: it carries its own boundary.
      this.dispatch(() =>
        this.guard(ConnectionHandler.message, () => {
          if (!this.closed) this.handle(room, message)
        }),
      )
    })
  }

  /**
   * The error boundary of every handler of this connection: whatever one message, the join or a
   * deferred reply throws closes this connection alone, with a reason, and is logged with its stack.
   * Nothing a client sends may reach the process: an exception there would end every board's sessions.
   */
  guard(handler: ConnectionHandler, work: () => void): void {
    try {
      work()
    } catch (error) {
      this.fail(handler, error)
    }
  }

  private fail(handler: ConnectionHandler, error: unknown): void {
    const fields = { boardId: this.boardId, connectionId: this.id, principal: principalLabel(this.principal), handler, ...errorFields(error) }
    // A message that cannot be handled is most likely the client's fault; anything else is ours.
    const clientFault = handler === ConnectionHandler.message
    if (clientFault) this.log.warn('malformed message', fields)
    else this.log.error('connection handler failed', fields)
    try {
      if (clientFault) this.close(CloseCode.protocolError, '无法解析的消息')
      else this.close(CloseCode.internalError, '服务器处理此连接时出错，已断开')
    } catch (closeError) {
      // Still only this connection: forget it even though its socket refused to close cleanly.
      this.log.error('connection close failed', { boardId: this.boardId, connectionId: this.id, ...errorFields(closeError) })
      this.detach()
    }
  }

  /** Whether this connection has been sent the board state (SyncStep2) and so may receive live updates. */
  get caughtUp(): boolean {
    return this.isCaughtUp
  }

  markCaughtUp(): void {
    this.isCaughtUp = true
  }

  /**
   * Keeps an update that arrived ahead of its history, with what it waits for; false (and nothing
   * kept) when this connection's or the process's allowance would be exceeded.
   */
  holdUpdate(update: Uint8Array, needs: HistoryNeeds): boolean {
    if (this.heldBytes + update.byteLength > MAX_HELD_UPDATE_BYTES || heldBytesInProcess + update.byteLength > MAX_HELD_UPDATE_BYTES_TOTAL) {
      this.takeHeldUpdates()
      return false
    }
    // A copy: the bytes may be a view into a larger network read that should not stay in memory.
    this.held.push(update.slice())
    this.heldBytes += update.byteLength
    heldBytesInProcess += update.byteLength
    addNeeds(this.needs, needs)
    return true
  }

  get heldUpdateBytes(): number {
    return this.heldBytes
  }

  /** What the held updates wait for. */
  get heldNeeds(): HistoryNeeds {
    return this.needs
  }

  takeHeldUpdates(): Uint8Array[] {
    const held = this.held
    heldBytesInProcess -= this.heldBytes
    this.held = []
    this.heldBytes = 0
    this.needs = noNeeds()
    return held
  }

  /** Counts a refusal; true when this connection has been refused too often and must go. */
  noteRefusal(nowMs = Date.now()): boolean {
    this.refusalTimes = this.refusalTimes.filter((at) => nowMs - at < 60_000)
    this.refusalTimes.push(nowMs)
    return this.refusalTimes.length > MAX_REFUSALS_PER_MINUTE
  }

  send(message: Uint8Array): void {
    if (this.canSend()) this.socket.send(message)
  }

  /** One message in parts, never joined (see SyncSocket.sendParts); `onSent` runs at once when it cannot be sent. */
  sendParts(parts: readonly Uint8Array[], onSent?: () => void): void {
    if (this.canSend()) this.socket.sendParts(parts, onSent)
    else onSent?.()
  }

  /** A message every connection of the board gets (see SharedMessage). */
  sendShared(message: SharedMessage): void {
    if (this.canSend()) this.socket.sendShared(message)
  }

  private canSend(): boolean {
    if (this.closed) return false
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CloseCode.rateLimited, '网络过慢，已断开，请重新连接')
      return false
    }
    return true
  }

  /** Tells the sender why its update was refused; the update is neither stored nor forwarded. */
  rejectUpdate(reason: string): void {
    this.log.warn('update rejected', { boardId: this.boardId, connectionId: this.id, reason })
    this.send(encodePermissionDenied(reason))
  }

  /** Presence past a hard bound (size, depth, count): no honest client sends it, so the connection ends. */
  refusePresence(reason: string): void {
    this.log.warn('presence refused', { boardId: this.boardId, connectionId: this.id, principal: principalLabel(this.principal), reason })
    this.close(CloseCode.protocolError, reason)
  }

  /**
   * Presence of this connection's own that is not shown (it does not match the schema). Logged once
   * per connection and not answered: stock clients publish `{}` every 15 seconds, and a
   * permission-denied message makes Guatu's client start over.
   */
  ignorePresence(reason: string): void {
    if (this.presenceIgnored) return
    this.presenceIgnored = true
    this.log.info('presence ignored', { boardId: this.boardId, connectionId: this.id, principal: principalLabel(this.principal), reason })
  }

  /** Confirms that the given updates of this client are durable (only for clients that asked). */
  acknowledge(updates: readonly Uint8Array[]): void {
    const clocks = new Map<number, number>()
    for (const update of updates) {
      // `to` is where each client's structs in this update end (a state-vector entry); unlike
      // encodeStateVectorFromUpdate it does not require the update to start at clock 0.
      for (const [clientId, clock] of Y.parseUpdateMeta(update).to) {
        clocks.set(clientId, Math.max(clock, clocks.get(clientId) ?? 0))
      }
    }
    const saved: SavedClock[] = [...clocks].map(([clientId, clock]) => ({ clientId, clock }))
    this.send(encodeSavedAck(saved))
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.socket.close(code, reason)
    this.detach()
  }

  /** The socket is gone (closed by either side). */
  detach(): void {
    this.closed = true
    this.takeHeldUpdates()
    this.room?.leave(this)
  }

  private handle(room: BoardRoom, message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.sync:
        this.handleSync(room, decoder)
        break
      case MessageType.awareness:
        room.receiveAwareness(this, decoding.readVarUint8Array(decoder))
        break
      case MessageType.queryAwareness:
        room.answerAwarenessQuery(this)
        break
      case MessageType.auth:
        break // clients have nothing to say in the auth sub-protocol
      default:
        throw new Error(`unknown message type ${type}`)
    }
  }

  private handleSync(room: BoardRoom, decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder)
    switch (step) {
      case syncProtocol.messageYjsSyncStep1: {
        const stateVector = decoding.readVarUint8Array(decoder)
        // Decoded here, inside this message's boundary: the room may answer later, after the write
        // in flight, where a malformed state vector would throw in the middle of everyone's broadcast.
        if (stateVector.byteLength > 0) Y.decodeStateVector(stateVector)
        room.receiveSyncStep1(this, stateVector)
        break
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate:
        room.receiveUpdate(this, decoding.readVarUint8Array(decoder))
        break
      default:
        throw new Error(`unknown sync step ${step}`)
    }
  }
}
