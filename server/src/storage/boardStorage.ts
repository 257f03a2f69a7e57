import * as Y from 'yjs'
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
  /**
   * The compacted document state, or null before the first compaction. When loading only what
   * follows a known sequence number, null also when the snapshot holds nothing newer than it.
   */
  snapshot: Uint8Array | null
  /** The snapshot's state vector, kept beside it (null for snapshots stored before it was). */
  snapshotStateVector: Uint8Array | null
  /** Updates appended after the snapshot, in order. */
  updates: Uint8Array[]
  /** Sequence number of the last update included above (0 when none). */
  lastSeq: number
}

/** Where one board's share of an appended batch sits in its update log. */
export interface AppendedSeqs {
  /**
   * The board's last sequence number before this batch. Exactly this batch's updates lie in
   * (previousSeq, lastSeq]: a process that has applied everything up to previousSeq is complete
   * after applying them, one that has applied less has a gap to read from storage first.
   */
  previousSeq: number
  lastSeq: number
}

/**
 * A whole document state and its state vector. The state vector is stored beside the state so a
 * board can tell clients what it has without decoding megabytes first.
 */
export interface EncodedSnapshot {
  state: Uint8Array
  stateVector: Uint8Array
}

/** A document encoded for storage: its whole state and its state vector. */
export function encodeSnapshot(doc: Y.Doc): EncodedSnapshot {
  return { state: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc) }
}

/** A board's history starts from this when it was created empty. */
export const EMPTY_DOCUMENT_STATE: Uint8Array = Y.encodeStateAsUpdate(new Y.Doc())

/** A Yjs client id and the principal that introduced it to a board (see ClientOwners). */
export interface ClientClaim {
  clientId: number
  principalId: string
}

export interface PendingUpdate {
  boardId: string
  update: Uint8Array
  /** History entries for this update, stored in the same transaction. */
  audit: readonly AuditRecord[]
  /** Client ids this update introduces, stored in the same transaction (an existing claim stays). */
  claims?: readonly ClientClaim[]
  /**
   * When the server accepted the update (ms since epoch): the time its own stamps in the document
   * (a meeting's end, a problem's 销号) carry, so the board at that stamped moment includes it. The
   * commit time stored is this, never earlier than the board's previous one; absent, the append's.
   */
  receivedAt?: number
}

/**
 * What compaction keeps of the past, so that the board can be shown exactly as it stood at any
 * moment (回头看): every update (each stamped with its commit time) and, now and then, a snapshot
 * to start from, so that showing a moment replays at most about a day of updates.
 */
export interface HistoryPolicy {
  /** A compaction this long after the board's last kept snapshot keeps its snapshot too. */
  keepSnapshotEveryMs: number
  /**
   * How far back the past stays reconstructible; older updates and kept snapshots are dropped at
   * compaction. Null: kept for good — a board is one year's work, so by default its whole year is.
   */
  retainMs: number | null
}

export const DAY_MS = 24 * 3600 * 1000

export const DEFAULT_HISTORY_POLICY: HistoryPolicy = { keepSnapshotEveryMs: DAY_MS, retainMs: null }

/** Why this compaction runs; a meeting's start or end is always kept as a snapshot. */
export interface CompactionOptions {
  policy?: HistoryPolicy
  /** Keep this snapshot for history whatever the policy says (a meeting boundary). */
  keepForHistory?: boolean
}

/** What rebuilds the board as it stood at a moment: a kept snapshot and the updates committed after it up to then. */
export interface StoredPastState {
  snapshot: Uint8Array
  updates: Uint8Array[]
  /** The last update included (the snapshot's own when no update follows it): equal moments share one rebuild. */
  lastSeq: number
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
  createBoard(board: Omit<BoardRecord, 'createdAt'>, initialState?: EncodedSnapshot): Promise<BoardRecord>
  /**
   * The stored state, read consistently (a compaction never falls between the snapshot and the
   * updates). With `afterSeq`, only what a document complete up to that sequence number lacks:
   * the updates after it, or — when a compaction has since removed some of them — the snapshot
   * and the updates after the snapshot.
   */
  loadBoardState(id: string, afterSeq?: number): Promise<StoredBoardState>
  /**
   * Appends the updates of one event-loop turn, for any number of boards, in one durable
   * transaction. Resolves with where each board's updates landed only once they are on disk:
   * callers broadcast after this, never before. Sequence numbers grow with commit order per
   * board, so nobody reading a board's log ever sees a later update without the earlier ones.
   */
  appendUpdates(batch: readonly PendingUpdate[]): Promise<Map<string, AppendedSeqs>>
  /** Every client id of the board with the principal that introduced it. */
  loadClientOwners(boardId: string): Promise<ClientClaim[]>
  /** History entries of a board (or one of its projects), newest first. */
  listHistory(boardId: string, query: HistoryQuery): Promise<StoredAuditEntry[]>
  /**
   * Makes `snapshot` the state loading starts from, in place of every update up to `uptoSeq`,
   * atomically. The updates stay for 回头看 within the retention of `options.policy`, and the
   * snapshot is also kept for history when the policy (or `keepForHistory`) says so. `snapshot` must contain
   * every update up to `uptoSeq`. A snapshot older than the stored one is ignored; when several
   * processes share the database, one that finds another compacting the board skips.
   */
  compactBoard(id: string, snapshot: EncodedSnapshot, uptoSeq: number, projectCount: number, options?: CompactionOptions): Promise<void>
  /**
   * The board as it stood at `at` (ms since epoch, judged by the server's commit times): the last
   * kept snapshot taken at or before it and the updates committed after that snapshot up to `at`.
   * Undefined when `at` lies before everything kept (before the board, or beyond retention).
   */
  loadBoardStateAt(id: string, at: number): Promise<StoredPastState | undefined>
  /** Whether the database is open and answering (readiness). */
  isReady(): boolean
  close(): Promise<void>
}
