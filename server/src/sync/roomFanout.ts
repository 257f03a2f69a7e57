import type { AppendedSeqs } from '../storage/boardStorage.ts'
import type { BoardRoom } from './boardRoom.ts'

/**
 * How the board rooms of one process reach the other processes that serve the same boards
 * (scaleout/redisFanout.ts). Absent when a single process serves everything.
 *
 * Storage stays the truth: a published update is a hint that lets other processes apply it at
 * once; whoever misses one reads the gap back from storage (BoardRoom.catchUp).
 */
export interface RoomFanout {
  /** The room is loaded: from now on deliver other processes' changes to it. */
  watch(room: BoardRoom): void
  /** The room is closing: stop delivering. */
  unwatch(room: BoardRoom): void
  /** Called after storage confirmed the room's updates, never before. */
  publishUpdate(boardId: string, update: Uint8Array, seqs: AppendedSeqs): void
  /** Presence of this process's clients, including the removal of those who left. */
  publishAwareness(boardId: string, awarenessUpdate: Uint8Array): void
}
