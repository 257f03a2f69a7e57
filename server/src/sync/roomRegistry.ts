import { errorFields, type Logger } from '../log.ts'
import type { BoardStorage } from '../storage/boardStorage.ts'
import { BoardRoom, type BoardRoomOptions, type RoomCluster } from './boardRoom.ts'
import type { CommitQueue } from './commitQueue.ts'

export interface RoomRegistryOptions extends BoardRoomOptions {
  /** Unload a board this long after its last connection left. */
  idleUnloadAfterMs: number
}

/**
 * Loads each board once, on first use, and unloads it when it has been idle. Concurrent opens of
 * the same board share one load; an open during an unload waits for it and loads afresh.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<BoardRoom>>()
  private readonly unloading = new Map<string, Promise<void>>()
  private readonly idleTimers = new Map<string, NodeJS.Timeout>()

  constructor(
    private readonly storage: BoardStorage,
    private readonly commits: CommitQueue,
    private readonly options: RoomRegistryOptions,
    private readonly log: Logger,
    /** Other processes serving the same boards, and metrics; empty for a single process. */
    private readonly cluster: RoomCluster = {},
  ) {}

  /**
   * The loaded room of a board, or undefined when no such board exists. With other processes, the
   * room first reads what they stored and this one has not applied yet: a client arriving from
   * another process must find at least what it saw there, or its own copy of those changes would
   * be judged as if it had made them.
   */
  async open(boardId: string): Promise<BoardRoom | undefined> {
    const room = await this.openLocal(boardId)
    if (room && this.cluster.fanout) await room.catchUp('join')
    return room
  }

  private async openLocal(boardId: string): Promise<BoardRoom | undefined> {
    this.cancelIdleUnload(boardId)
    await this.unloading.get(boardId)
    const existing = this.rooms.get(boardId)
    if (existing) return existing
    if (!(await this.storage.getBoard(boardId))) return undefined
    const again = this.rooms.get(boardId) // another open may have started while we looked
    if (again) return again
    const loading = this.load(boardId)
    this.rooms.set(boardId, loading)
    loading.catch(() => this.rooms.delete(boardId))
    return loading
  }

  /**
   * The room if it is loaded right now, without loading it. With other processes it first catches
   * up, so a REST read on any process shows every stored change.
   */
  async peek(boardId: string): Promise<BoardRoom | undefined> {
    const room = await this.rooms.get(boardId)
    if (room && this.cluster.fanout) await room.catchUp('join')
    return room
  }

  /** A board opened for a REST operation: unload it later if nobody is connected to it. */
  releaseIfIdle(boardId: string): void {
    void this.rooms.get(boardId)?.then((room) => {
      if (room.connectionCount === 0) this.scheduleIdleUnload(boardId)
    })
  }

  get loadedCount(): number {
    return this.rooms.size
  }

  /** Flushes and closes every room (graceful shutdown). */
  async closeAll(): Promise<void> {
    for (const timer of this.idleTimers.values()) clearTimeout(timer)
    this.idleTimers.clear()
    await Promise.all([...this.rooms.keys()].map((boardId) => this.unload(boardId)))
  }

  private async load(boardId: string): Promise<BoardRoom> {
    const started = performance.now()
    const room = new BoardRoom(boardId, this.storage, this.commits, this.options, this.log, (idle) => this.scheduleIdleUnload(idle.boardId), this.cluster)
    // Listen before reading: a change published during the load is either in what the load reads
    // or arrives afterwards (and one dropped meanwhile is read by the catch-up in open()).
    try {
      await this.cluster.fanout?.watch(room)
      await room.load()
    } catch (error) {
      this.cluster.fanout?.unwatch(room)
      throw error
    }
    this.log.info('board loaded', { boardId, ms: Math.round(performance.now() - started) })
    return room
  }

  private scheduleIdleUnload(boardId: string): void {
    this.cancelIdleUnload(boardId)
    const timer = setTimeout(() => void this.unloadIfIdle(boardId), this.options.idleUnloadAfterMs)
    timer.unref()
    this.idleTimers.set(boardId, timer)
  }

  private cancelIdleUnload(boardId: string): void {
    clearTimeout(this.idleTimers.get(boardId))
    this.idleTimers.delete(boardId)
  }

  private async unloadIfIdle(boardId: string): Promise<void> {
    this.idleTimers.delete(boardId)
    const room = await this.rooms.get(boardId)
    if (room && room.connectionCount === 0) await this.unload(boardId)
  }

  private unload(boardId: string): Promise<void> {
    const loading = this.rooms.get(boardId)
    if (!loading) return Promise.resolve()
    this.rooms.delete(boardId)
    const done = loading
      .then((room) => {
        this.cluster.fanout?.unwatch(room)
        return room.close()
      })
      .then(() => this.log.info('board unloaded', { boardId }))
      .catch((error: unknown) => this.log.error('unload failed', { boardId, ...errorFields(error) }))
      .finally(() => this.unloading.delete(boardId))
    this.unloading.set(boardId, done)
    return done
  }
}
