import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { errorFields, type Logger } from '../log.ts'
import type { AppendedSeqs } from '../storage/boardStorage.ts'
import type { FanoutRoom, RoomFanout } from '../sync/roomFanout.ts'
import {
  CONTROL_CHANNEL,
  FanoutKind,
  boardChannel,
  controlMessageSchema,
  decodeFanoutMessage,
  encodeFanoutMessage,
  type ControlMessage,
  type ControlPayload,
} from './fanoutMessages.ts'

export interface RedisFanoutOptions {
  url: string
  log: Logger
  /**
   * The safety net: this often every loaded board is compared with the head of its log in storage
   * and caught up when behind, whatever happened to the hints.
   */
  catchUpEveryMs: number
  /** The head sequence number of each board in storage (one query for all loaded boards). */
  readHeads: (boardIds: readonly string[]) => Promise<Map<string, number>>
}

/** Give up waiting for a SUBSCRIBE confirmation after this long; the catch-up closes any gap. */
const SUBSCRIBE_TIMEOUT_MS = 2_000
/** Give up waiting for Redis to take an access change after this long (the change is made regardless). */
const CONTROL_PUBLISH_TIMEOUT_MS = 1_000

/**
 * Carries stored updates, presence and access changes between server processes over Redis
 * pub/sub. Pub/sub may lose messages (a dropped connection, a Redis restart); for documents that
 * is tolerated by design: storage is the truth, a hint names the range of the log it carries, and
 * a process that sees a hint not following what it has — or reconnects to Redis, or finds a
 * board's head ahead of it on the periodic check — reads the gap from storage (BoardRoom.catchUp).
 */
export class RedisFanout implements RoomFanout {
  /** Distinguishes this process's own messages, which Redis delivers back to it. */
  readonly processId = randomUUID()
  /** Hints that could not be published (Redis unreachable); the other processes catch up anyway. */
  publishFailures = 0
  /** Called with access changes made on another process. */
  onControl: (message: ControlMessage) => void = () => undefined
  private readonly publisher: Redis
  private readonly subscriber: Redis
  private readonly rooms = new Map<string, FanoutRoom>()
  private readonly timer: NodeJS.Timeout
  private closed = false
  /** Connections known to be down, so a Redis outage logs once per connection, not per retry. */
  private readonly down = new Set<'publisher' | 'subscriber'>()

  constructor(private readonly options: RedisFanoutOptions) {
    const common = {
      // Nothing queues while Redis is away: a late hint is worth less than the catch-up that
      // follows the reconnect, and a queue would grow without bound.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt: number) => Math.min(50 * attempt, 1_000),
      lazyConnect: false,
    }
    this.publisher = new Redis(options.url, { ...common, connectionName: 'guatu-publish' })
    // Subscriptions are renewed by hand on every 'ready', together with a catch-up of every board.
    this.subscriber = new Redis(options.url, { ...common, connectionName: 'guatu-subscribe', autoResubscribe: false })
    this.publisher.on('error', (error) => this.connectionTrouble('publisher', error))
    this.subscriber.on('error', (error) => this.connectionTrouble('subscriber', error))
    this.publisher.on('ready', () => this.connectionBack('publisher'))
    this.subscriber.on('ready', () => {
      this.connectionBack('subscriber')
      void this.resubscribe()
    })
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString('utf8'), message))
    this.timer = setInterval(() => void this.checkHeads(), options.catchUpEveryMs)
    this.timer.unref()
  }

  /** Whether both Redis connections are up (readiness). */
  isReady(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready'
  }

  async ping(): Promise<boolean> {
    if (!this.isReady()) return false
    try {
      return (await this.publisher.ping()) === 'PONG'
    } catch {
      return false
    }
  }

  async watch(room: FanoutRoom): Promise<void> {
    this.rooms.set(room.boardId, room)
    if (this.subscriber.status !== 'ready') return // subscribed on 'ready', followed by a catch-up
    await withTimeout(this.subscriber.subscribe(boardChannel(room.boardId)), SUBSCRIBE_TIMEOUT_MS).catch((error: unknown) =>
      this.options.log.warn('redis subscribe failed', { boardId: room.boardId, ...errorFields(error) }),
    )
  }

  unwatch(room: FanoutRoom): void {
    if (this.rooms.get(room.boardId) !== room) return
    this.rooms.delete(room.boardId)
    if (this.subscriber.status === 'ready') this.subscriber.unsubscribe(boardChannel(room.boardId)).catch(() => undefined)
  }

  publishUpdate(boardId: string, update: Uint8Array, seqs: AppendedSeqs): void {
    this.publish(boardChannel(boardId), encodeFanoutMessage({ kind: FanoutKind.update, senderId: this.processId, seqs, publishedAt: Date.now(), update }))
  }

  publishAwareness(boardId: string, awarenessUpdate: Uint8Array): void {
    this.publish(boardChannel(boardId), encodeFanoutMessage({ kind: FanoutKind.awareness, senderId: this.processId, awarenessUpdate }))
  }

  /**
   * Tells every other process about an access change (see ClusterConnectionTracker). Resolves
   * with the number of subscribers Redis handed it to (this process's own included), 0 when the
   * publish failed.
   */
  async publishControl(message: ControlPayload): Promise<number> {
    if (this.closed) return 0
    if (this.publisher.status !== 'ready') {
      this.publishFailures++
      return 0
    }
    const published = this.publisher.publish(CONTROL_CHANNEL, JSON.stringify({ ...message, senderId: this.processId }))
    // A Redis that does not answer must not hold up the office's request for long.
    return withTimeout(published, CONTROL_PUBLISH_TIMEOUT_MS).catch(() => {
      this.publishFailures++
      return 0
    })
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    clearInterval(this.timer)
    this.rooms.clear()
    await Promise.all([this.publisher, this.subscriber].map((connection) => withTimeout(connection.quit(), 1_000).catch(() => connection.disconnect())))
  }

  private publish(channel: string, message: Uint8Array): void {
    if (this.closed) return
    if (this.publisher.status !== 'ready') {
      this.publishFailures++
      return
    }
    this.publisher.publish(channel, Buffer.from(message.buffer, message.byteOffset, message.byteLength)).catch(() => this.publishFailures++)
  }

  private receive(channel: string, message: Buffer): void {
    if (channel === CONTROL_CHANNEL) return this.receiveControl(message)
    let decoded
    try {
      decoded = decodeFanoutMessage(new Uint8Array(message.buffer, message.byteOffset, message.byteLength))
    } catch (error) {
      this.options.log.warn('malformed fan-out message', { channel, ...errorFields(error) })
      return
    }
    if (decoded.senderId === this.processId) return
    const room = this.rooms.get(channel.slice(boardChannel('').length))
    if (!room) return
    if (decoded.kind === FanoutKind.update) room.applyRemote(decoded.update, decoded.seqs, decoded.publishedAt)
    else room.receiveRemoteAwareness(decoded.awarenessUpdate)
  }

  private receiveControl(message: Buffer): void {
    let parsed: unknown
    try {
      parsed = JSON.parse(message.toString('utf8'))
    } catch {
      return
    }
    const control = controlMessageSchema.safeParse(parsed)
    if (!control.success || control.data.senderId === this.processId) return
    this.onControl(control.data)
  }

  /** After (re)connecting: subscribe to every loaded board, then read whatever was missed meanwhile. */
  private async resubscribe(): Promise<void> {
    const channels = [CONTROL_CHANNEL, ...[...this.rooms.keys()].map(boardChannel)]
    try {
      await withTimeout(this.subscriber.subscribe(...channels), SUBSCRIBE_TIMEOUT_MS)
    } catch (error) {
      this.options.log.warn('redis subscribe failed', { ...errorFields(error) })
      return
    }
    if (this.rooms.size > 0) this.options.log.info('redis subscriber ready, catching up', { boards: this.rooms.size })
    await Promise.all([...this.rooms.values()].map((room) => room.catchUp('reconnect')))
  }

  /** The safety net: one query for the heads of all loaded boards, a catch-up for each one behind. */
  private async checkHeads(): Promise<void> {
    if (this.closed || this.rooms.size === 0) return
    let heads: Map<string, number>
    try {
      heads = await this.options.readHeads([...this.rooms.keys()])
    } catch (error) {
      this.options.log.warn('head check failed', { ...errorFields(error) })
      return
    }
    for (const room of this.rooms.values()) {
      if ((heads.get(room.boardId) ?? 0) > room.appliedSeq) void room.catchUp('timer')
    }
  }

  private connectionTrouble(which: 'publisher' | 'subscriber', error: Error): void {
    if (this.down.has(which)) return
    this.down.add(which)
    this.options.log.warn('redis connection lost', { connection: which, error: error.message })
  }

  private connectionBack(which: 'publisher' | 'subscriber'): void {
    if (this.down.delete(which)) this.options.log.info('redis connection back', { connection: which })
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error instanceof Error ? error : new Error(String(error)))
      },
    )
  })
}
