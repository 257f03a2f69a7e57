import type pg from 'pg'
import type { AuditRecord, StoredAuditEntry } from '../audit/auditRecord.ts'
import {
  DEFAULT_HISTORY_POLICY,
  EMPTY_DOCUMENT_STATE,
  type AppendedSeqs,
  type BoardRecord,
  type BoardStorage,
  type ClientClaim,
  type CompactionOptions,
  type EncodedSnapshot,
  type HistoryQuery,
  type PendingUpdate,
  type StoredBoardState,
  type StoredPastState,
} from './boardStorage.ts'
import { inTransaction } from './postgresDatabase.ts'
import { packHistorySnapshot, unpackHistorySnapshot } from './historySnapshots.ts'
import { auditValueJson, bytesOf, toAuditEntry, toBoardRecord, type AuditRow, type BoardRow } from './storedRows.ts'

/** First key of the two-key advisory locks taken while compacting (the second is the board's hash). */
const COMPACTION_LOCK_NAMESPACE = 0x6775_6174 // "guat"

const READ_CONSISTENT = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'

/**
 * Boards, their update logs and snapshots, and the audit trail, in PostgreSQL, shared by any
 * number of server processes.
 *
 * Ordering: an append first locks the rows of its boards (`SELECT … FOR UPDATE`, in id order so two
 * batches never deadlock) and only then draws sequence numbers. Two processes appending to one
 * board therefore commit one after the other, and a board's sequence numbers grow in commit order:
 * whoever reads `seq > n` never sees a later update while an earlier one is still uncommitted.
 * `boards.last_seq` is the board's head, which each append returns as `previousSeq`.
 */
export class PostgresStorage implements BoardStorage {
  private closed = false

  /** `now` is this process's clock, which dates updates (a test may pass another). */
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  async listBoards(): Promise<BoardRecord[]> {
    const { rows } = await this.pool.query<BoardRow>('SELECT id, name, year, created_at, project_count FROM boards ORDER BY created_at, id')
    return rows.map(toBoardRecord)
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const { rows } = await this.pool.query<BoardRow>('SELECT id, name, year, created_at, project_count FROM boards WHERE id = $1', [id])
    return rows[0] ? toBoardRecord(rows[0]) : undefined
  }

  async createBoard(board: Omit<BoardRecord, 'createdAt'>, initialState?: EncodedSnapshot): Promise<BoardRecord> {
    const createdAt = new Date().toISOString()
    await inTransaction(this.pool, async (client) => {
      await client.query('INSERT INTO boards (id, name, year, created_at, project_count) VALUES ($1, $2, $3, $4, $5)', [
        board.id,
        board.name,
        board.year,
        createdAt,
        board.projectCount,
      ])
      if (initialState) {
        await client.query('INSERT INTO board_snapshots (board_id, state, state_vector, upto_seq) VALUES ($1, $2, $3, 0)', [
          board.id,
          initialState.state,
          initialState.stateVector,
        ])
      }
      // The board's history starts here: every later moment replays from this snapshot at least.
      await client.query('INSERT INTO board_history_snapshots (board_id, upto_seq, taken_at, state, compressed) VALUES ($1, 0, $2, $3, TRUE)', [
        board.id,
        this.now(),
        packHistorySnapshot(initialState?.state ?? EMPTY_DOCUMENT_STATE),
      ])
    })
    return { ...board, createdAt }
  }

  async loadBoardState(id: string, afterSeq?: number): Promise<StoredBoardState> {
    return inTransaction(
      this.pool,
      async (client) => {
        const { rows: snapshots } = await client.query<{ state: Buffer; state_vector: Buffer | null; upto_seq: string }>(
          'SELECT state, state_vector, upto_seq FROM board_snapshots WHERE board_id = $1',
          [id],
        )
        const stored = snapshots[0]
        const snapshot = stored && (afterSeq === undefined || Number(stored.upto_seq) > afterSeq) ? stored : undefined
        const from = snapshot ? Number(snapshot.upto_seq) : (afterSeq ?? 0)
        const { rows } = await client.query<{ seq: string; data: Buffer }>(
          'SELECT seq, data FROM board_updates WHERE board_id = $1 AND seq > $2 ORDER BY seq',
          [id, from],
        )
        return {
          snapshot: snapshot ? bytesOf(snapshot.state) : null,
          snapshotStateVector: snapshot?.state_vector ? bytesOf(snapshot.state_vector) : null,
          updates: rows.map((row) => bytesOf(row.data)),
          lastSeq: rows.length > 0 ? Number(rows[rows.length - 1]!.seq) : from,
        }
      },
      READ_CONSISTENT,
    )
  }

  /**
   * One statement, so one round trip: guatu_append_updates (postgresDatabase.ts) locks the boards'
   * rows in id order, draws the sequence numbers, stamps commit times, writes updates, audit
   * records and client claims, and moves the boards' heads, all in the statement's transaction.
   */
  async appendUpdates(batch: readonly PendingUpdate[]): Promise<Map<string, AppendedSeqs>> {
    if (batch.length === 0) return new Map()
    const audit = batch.flatMap((entry) => entry.audit.map((record) => ({ boardId: entry.boardId, record })))
    const claims = batch.flatMap((entry) => (entry.claims ?? []).map((claim) => ({ boardId: entry.boardId, ...claim })))
    const { rows } = await this.pool.query<{ out_board_id: string; out_previous_seq: string; out_last_seq: string }>(
      'SELECT * FROM guatu_append_updates($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)',
      [
        batch.map((entry) => entry.boardId),
        batch.map((entry) => entry.update),
        batch.map((entry) => entry.receivedAt ?? null),
        this.now(),
        ...auditColumns(audit),
        claims.map((claim) => claim.boardId),
        claims.map((claim) => claim.clientId),
        claims.map((claim) => claim.principalId),
      ],
    )
    return new Map(rows.map((row) => [row.out_board_id, { previousSeq: Number(row.out_previous_seq), lastSeq: Number(row.out_last_seq) }]))
  }

  async loadClientOwners(boardId: string): Promise<ClientClaim[]> {
    const { rows } = await this.pool.query<{ client_id: string; principal_id: string }>(
      'SELECT client_id, principal_id FROM board_clients WHERE board_id = $1',
      [boardId],
    )
    return rows.map((row) => ({ clientId: Number(row.client_id), principalId: row.principal_id }))
  }

  async listHistory(boardId: string, query: HistoryQuery): Promise<StoredAuditEntry[]> {
    const { rows } = await this.pool.query<AuditRow>(
      `SELECT * FROM audit_log WHERE board_id = $1 AND ($2::text IS NULL OR project_id = $2) AND id < $3
       ORDER BY id DESC LIMIT $4`,
      [boardId, query.projectId ?? null, query.beforeId ?? Number.MAX_SAFE_INTEGER, query.limit],
    )
    return rows.map(toAuditEntry)
  }

  /**
   * Only one process compacts a board at a time: the advisory lock lives as long as this
   * transaction, and a process that does not get it skips — the holder is doing the same work.
   */
  async compactBoard(id: string, snapshot: EncodedSnapshot, uptoSeq: number, projectCount: number, options: CompactionOptions = {}): Promise<void> {
    const policy = options.policy ?? DEFAULT_HISTORY_POLICY
    const now = this.now()
    await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked', [COMPACTION_LOCK_NAMESPACE, id])
      if (!rows[0]?.locked) return
      const { rowCount } = await client.query(
        `INSERT INTO board_snapshots (board_id, state, state_vector, upto_seq) VALUES ($1, $2, $3, $4)
         ON CONFLICT (board_id) DO UPDATE SET state = excluded.state, state_vector = excluded.state_vector, upto_seq = excluded.upto_seq
         WHERE board_snapshots.upto_seq <= excluded.upto_seq`,
        [id, snapshot.state, snapshot.stateVector, uptoSeq],
      )
      // An older snapshot than the stored one changes nothing, history included.
      if (rowCount === 0) return
      await client.query('UPDATE boards SET project_count = $1 WHERE id = $2', [projectCount, id])
      const { rows: kept } = await client.query<{ taken_at: string | null }>(
        'SELECT MAX(taken_at) AS taken_at FROM board_history_snapshots WHERE board_id = $1',
        [id],
      )
      const lastKept = kept[0]?.taken_at == null ? null : Number(kept[0].taken_at)
      if (options.keepForHistory || lastKept === null || now - lastKept >= policy.keepSnapshotEveryMs) {
        await client.query(
          'INSERT INTO board_history_snapshots (board_id, upto_seq, taken_at, state, compressed) VALUES ($1, $2, $3, $4, TRUE) ON CONFLICT DO NOTHING',
          [id, uptoSeq, now, packHistorySnapshot(snapshot.state)],
        )
      }
      if (policy.retainMs === null) return
      // The last kept snapshot at or before the retention's start is where the oldest kept moment
      // replays from: everything before it can go.
      const { rows: bases } = await client.query<{ upto_seq: string }>(
        `SELECT upto_seq FROM board_history_snapshots WHERE board_id = $1 AND taken_at <= $2
         ORDER BY taken_at DESC, upto_seq DESC LIMIT 1`,
        [id, now - policy.retainMs],
      )
      const base = bases[0]
      if (!base) return
      await client.query('DELETE FROM board_history_snapshots WHERE board_id = $1 AND upto_seq < $2', [id, base.upto_seq])
      await client.query('DELETE FROM board_updates WHERE board_id = $1 AND seq <= $2', [id, base.upto_seq])
    })
  }

  async loadBoardStateAt(id: string, at: number): Promise<StoredPastState | undefined> {
    return inTransaction(
      this.pool,
      async (client) => {
        const { rows: bases } = await client.query<{ upto_seq: string; state: Buffer; compressed: boolean }>(
          `SELECT upto_seq, state, compressed FROM board_history_snapshots WHERE board_id = $1 AND taken_at <= $2
           ORDER BY taken_at DESC, upto_seq DESC LIMIT 1`,
          [id, at],
        )
        const base = bases[0]
        if (!base) return undefined
        const { rows } = await client.query<{ seq: string; data: Buffer }>(
          'SELECT seq, data FROM board_updates WHERE board_id = $1 AND seq > $2 AND committed_at <= $3 ORDER BY seq',
          [id, base.upto_seq, at],
        )
        return {
          snapshot: unpackHistorySnapshot(bytesOf(base.state), base.compressed),
          updates: rows.map((row) => bytesOf(row.data)),
          lastSeq: rows.length > 0 ? Number(rows[rows.length - 1]!.seq) : Number(base.upto_seq),
        }
      },
      READ_CONSISTENT,
    )
  }

  /** The head sequence number of each board (scale-out's periodic check, one query for many boards). */
  async boardHeads(boardIds: readonly string[]): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ id: string; last_seq: string }>('SELECT id, last_seq FROM boards WHERE id = ANY($1::text[])', [[...boardIds]])
    return new Map(rows.map((row) => [row.id, Number(row.last_seq)]))
  }

  isReady(): boolean {
    return !this.closed
  }

  /** Whether the database answers a query right now (readiness). */
  async ping(): Promise<boolean> {
    if (this.closed) return false
    try {
      await this.pool.query('SELECT 1')
      return true
    } catch {
      return false
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.pool.end()
  }
}

/** Audit records as the ten columns of audit_log, in the order given (ids follow the order of the changes). */
function auditColumns(entries: ReadonlyArray<{ boardId: string; record: AuditRecord }>): string[][] {
  const column = (pick: (entry: { boardId: string; record: AuditRecord }) => string | null | undefined) =>
    entries.map((entry) => pick(entry) ?? null) as string[]
  return [
    column((entry) => entry.boardId),
    column((entry) => entry.record.projectId),
    column((entry) => entry.record.recordId),
    column((entry) => entry.record.at),
    column((entry) => entry.record.actorId),
    column((entry) => entry.record.actorLabel),
    column((entry) => entry.record.action),
    column((entry) => entry.record.field),
    column((entry) => auditValueJson(entry.record.from)),
    column((entry) => auditValueJson(entry.record.to)),
  ]
}
