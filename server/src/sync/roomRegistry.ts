import type { Logger } from '../log.ts'
import type { BoardStorage } from '../storage/boardStorage.ts'
import { BoardRoom, type BoardRoomOptions } from './boardRoom.ts'
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
  ) {}

  /** The loaded room of a board, or undefined when no such board exists. */
  async open(boardId: string): Promise<BoardRoom | undefined> {
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

  /** The room if it is loaded right now, without loading it. */
  async peek(boardId: string): Promise<BoardRoom | undefined> {
    return this.rooms.get(boardId)
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
    const room = new BoardRoom(boardId, this.storage, this.commits, this.options, this.log, (idle) =>
      this.scheduleIdleUnload(idle.boardId),
    )
    await room.load()
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
      .then((room) => room.close())
      .then(() => this.log.info('board unloaded', { boardId }))
      .catch((error: unknown) => this.log.error('unload failed', { boardId, error: String(error) }))
      .finally(() => this.unloading.delete(boardId))
    this.unloading.set(boardId, done)
    return done
  }
}
