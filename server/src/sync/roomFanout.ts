import type { AppendedSeqs } from '../storage/boardStorage.ts'
import type { CatchUpReason } from './syncMetrics.ts'

/**
 * How the board rooms of one process reach the other processes that serve the same boards
 * (scaleout/redisFanout.ts). Absent when a single process serves everything.
 *
 * Storage stays the truth: a published update is a hint that lets other processes apply it at
 * once; whoever misses one reads the gap back from storage (BoardRoom.catchUp).
 */
/**
 * What a fanout needs of a board room, declared here so the fanout does not know the BoardRoom
 * class (which holds a RoomFanout: a cycle otherwise).
 */
export interface FanoutRoom {
  readonly boardId: string
  /** The highest storage sequence this room has applied: behind the board's head means a gap. */
  readonly appliedSeq: number
  /** Another process's update, already durable in storage under `seqs`. */
  applyRemote(update: Uint8Array, seqs: AppendedSeqs, publishedAt?: number): void
  receiveRemoteAwareness(awarenessUpdate: Uint8Array): void
  /** Reads what the room missed back from storage (BoardRoom.catchUp). */
  catchUp(reason: CatchUpReason): Promise<void>
}

export interface RoomFanout {
  /** The room is loaded: from now on deliver other processes' changes to it. */
  watch(room: FanoutRoom): void
  /** The room is closing: stop delivering. */
  unwatch(room: FanoutRoom): void
  /** Called after storage confirmed the room's updates, never before. */
  publishUpdate(boardId: string, update: Uint8Array, seqs: AppendedSeqs): void
  /** Presence of this process's clients, including the removal of those who left. */
  publishAwareness(boardId: string, awarenessUpdate: Uint8Array): void
}
