import type { AuditRecord, StoredAuditEntry } from '../audit/auditRecord.ts'

/** A board as listed in storage; its content lives in the Yjs document. */
export interface BoardRecord {
  id: string
  name: string
  year: number
  createdAt: string
  /** Cached at compaction and unload so the board list does not load every document. */
  projectCount: number
}

export interface StoredBoardState {
  /** The compacted document state, or null before the first compaction. */
  snapshot: Uint8Array | null
  /** Updates appended after the snapshot, in order. */
  updates: Uint8Array[]
  /** Sequence number of the last update included above (0 when none). */
  lastSeq: number
}

export interface PendingUpdate {
  boardId: string
  update: Uint8Array
  /** History entries for this update, stored in the same transaction. */
  audit: readonly AuditRecord[]
}

export interface HistoryQuery {
  projectId?: string
  /** At most this many entries, newest first. */
  limit: number
  /** Only entries older than this entry id (for paging). */
  beforeId?: number
}

/**
 * Everything the sync layer needs from a database. One adapter per backend; every adapter passes
 * the same contract suite (test/integration/storageContract).
 */
export interface BoardStorage {
  listBoards(): Promise<BoardRecord[]>
  getBoard(id: string): Promise<BoardRecord | undefined>
  createBoard(board: Omit<BoardRecord, 'createdAt'>, initialState?: Uint8Array): Promise<BoardRecord>
  loadBoardState(id: string): Promise<StoredBoardState>
  /**
   * Appends the updates of one event-loop turn, for any number of boards, in one durable
   * transaction. Resolves with the last sequence number written per board only once they are
   * on disk: callers broadcast after this, never before.
   */
  appendUpdates(batch: readonly PendingUpdate[]): Promise<Map<string, number>>
  /** History entries of a board (or one of its projects), newest first. */
  listHistory(boardId: string, query: HistoryQuery): Promise<StoredAuditEntry[]>
  /** Replaces every update up to `uptoSeq` with `snapshot`, atomically. */
  compactBoard(id: string, snapshot: Uint8Array, uptoSeq: number, projectCount: number): Promise<void>
  /** Whether the database is open and answering (readiness). */
  isReady(): boolean
  close(): Promise<void>
}
