import type Database from 'better-sqlite3'
import type { AuditRecord, StoredAuditEntry } from '../audit/auditRecord.ts'
import { packHistorySnapshot, unpackHistorySnapshot } from './historySnapshots.ts'
import { auditValueJson, bytesOf, toAuditEntry, toBoardRecord, type AuditRow, type BoardRow } from './storedRows.ts'
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

/** Boards, their update logs and snapshots, and the audit trail, in the embedded database. */
export class SqliteStorage implements BoardStorage {
  private readonly statements
  /** A group commit's updates and history entries (`writeUpdates`) in one transaction; made once, as better-sqlite3 builds its wrappers anew on every `db.transaction` call. */
  private readonly writeBatch: (batch: readonly PendingUpdate[]) => Map<string, AppendedSeqs>
  /**
   * Each board's last sequence number, once known. This process is the database's only writer, so
   * what it appended is the head: no query for it on every commit.
   */
  private readonly heads = new Map<string, number>()
  /** The last commit time stamped: stamps never go backwards, even when the clock does. */
  private lastStamp = 0

  /** `now` is the server's clock, which alone dates updates (a test may pass another). */
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = {
      listBoards: this.db.prepare<[], BoardRow>('SELECT * FROM boards ORDER BY created_at, id'),
      getBoard: this.db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
      insertBoard: this.db.prepare('INSERT INTO boards (id, name, year, created_at, project_count) VALUES (?, ?, ?, ?, ?)'),
      snapshot: this.db.prepare<[string], { state: Buffer; state_vector: Buffer | null; upto_seq: number }>(
        'SELECT state, state_vector, upto_seq FROM board_snapshots WHERE board_id = ?',
      ),
      updatesAfter: this.db.prepare<[string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM board_updates WHERE board_id = ? AND seq > ? ORDER BY seq',
      ),
      appendUpdate: this.db.prepare('INSERT INTO board_updates (board_id, seq, data, committed_at) VALUES (?, ?, ?, ?)'),
      keepSnapshot: this.db.prepare('INSERT OR IGNORE INTO board_history_snapshots (board_id, upto_seq, taken_at, state, compressed) VALUES (?, ?, ?, ?, 1)'),
      lastKept: this.db.prepare<[string], { taken_at: number }>('SELECT MAX(taken_at) AS taken_at FROM board_history_snapshots WHERE board_id = ?'),
      keptAtOrBefore: this.db.prepare<[string, number], { upto_seq: number; state: Buffer; compressed: number }>(
        `SELECT upto_seq, state, compressed FROM board_history_snapshots WHERE board_id = ? AND taken_at <= ?
         ORDER BY taken_at DESC, upto_seq DESC LIMIT 1`,
      ),
      keptBaseSeq: this.db.prepare<[string, number], { upto_seq: number }>(
        `SELECT upto_seq FROM board_history_snapshots WHERE board_id = ? AND taken_at <= ?
         ORDER BY taken_at DESC, upto_seq DESC LIMIT 1`,
      ),
      dropKeptBefore: this.db.prepare('DELETE FROM board_history_snapshots WHERE board_id = ? AND upto_seq < ?'),
      updatesCommittedBy: this.db.prepare<[string, number, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM board_updates WHERE board_id = ? AND seq > ? AND committed_at <= ? ORDER BY seq',
      ),
      headSeq: this.db.prepare<[string, string], { head: number }>(
        `SELECT MAX(COALESCE((SELECT MAX(seq) FROM board_updates WHERE board_id = ?), 0),
                    COALESCE((SELECT upto_seq FROM board_snapshots WHERE board_id = ?), 0)) AS head`,
      ),
      upsertSnapshot: this.db.prepare(
        `INSERT INTO board_snapshots (board_id, state, state_vector, upto_seq) VALUES (?, ?, ?, ?)
         ON CONFLICT(board_id) DO UPDATE SET state = excluded.state, state_vector = excluded.state_vector, upto_seq = excluded.upto_seq
         WHERE excluded.upto_seq >= board_snapshots.upto_seq`,
      ),
      deleteUpdatesUpTo: this.db.prepare('DELETE FROM board_updates WHERE board_id = ? AND seq <= ?'),
      setProjectCount: this.db.prepare('UPDATE boards SET project_count = ? WHERE id = ?'),
      appendAudit: this.db.prepare(
        `INSERT INTO audit_log (board_id, project_id, record_id, at, actor_id, actor_label, action, field, old_value, new_value)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertClaim: this.db.prepare('INSERT OR IGNORE INTO board_clients (board_id, client_id, principal_id) VALUES (?, ?, ?)'),
      clientOwners: this.db.prepare<[string], { client_id: number; principal_id: string }>(
        'SELECT client_id, principal_id FROM board_clients WHERE board_id = ?',
      ),
      history: this.db.prepare<[string, string | null, string | null, number, number], AuditRow>(
        `SELECT * FROM audit_log WHERE board_id = ? AND (? IS NULL OR project_id = ?) AND id < ?
         ORDER BY id DESC LIMIT ?`,
      ),
    }
    this.writeBatch = this.db.transaction((batch: readonly PendingUpdate[]) => this.writeUpdates(batch))
  }

  private writeUpdates(batch: readonly PendingUpdate[]): Map<string, AppendedSeqs> {
    const seqs = new Map<string, AppendedSeqs>()
    const appendedAt = this.now()
    for (const { boardId, update, audit, claims, receivedAt } of batch) {
      const committedAt = (this.lastStamp = Math.max(this.lastStamp, receivedAt ?? appendedAt))
      const known = seqs.get(boardId)
      const previousSeq = known?.previousSeq ?? this.heads.get(boardId) ?? this.statements.headSeq.get(boardId, boardId)?.head ?? 0
      const seq = (known?.lastSeq ?? previousSeq) + 1
      this.statements.appendUpdate.run(boardId, seq, update, committedAt)
      seqs.set(boardId, { previousSeq, lastSeq: seq })
      for (const entry of audit) this.insertAudit(boardId, entry)
      for (const claim of claims ?? []) this.statements.insertClaim.run(boardId, claim.clientId, claim.principalId)
    }
    return seqs
  }

  async listBoards(): Promise<BoardRecord[]> {
    return this.statements.listBoards.all().map(toBoardRecord)
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const row = this.statements.getBoard.get(id)
    return row ? toBoardRecord(row) : undefined
  }

  async createBoard(board: Omit<BoardRecord, 'createdAt'>, initialState?: EncodedSnapshot): Promise<BoardRecord> {
    const createdAt = new Date().toISOString()
    this.db.transaction(() => {
      this.statements.insertBoard.run(board.id, board.name, board.year, createdAt, board.projectCount)
      if (initialState) this.statements.upsertSnapshot.run(board.id, initialState.state, initialState.stateVector, 0)
      // The board's history starts here: every later moment replays from this snapshot at least.
      this.statements.keepSnapshot.run(board.id, 0, this.now(), packHistorySnapshot(initialState?.state ?? EMPTY_DOCUMENT_STATE))
    })()
    return { ...board, createdAt }
  }

  async loadBoardState(id: string, afterSeq?: number): Promise<StoredBoardState> {
    return this.db.transaction(() => {
      const stored = this.statements.snapshot.get(id)
      const snapshot = stored && (afterSeq === undefined || stored.upto_seq > afterSeq) ? stored : undefined
      const from = snapshot ? snapshot.upto_seq : (afterSeq ?? 0)
      const rows = this.statements.updatesAfter.all(id, from)
      return {
        snapshot: snapshot ? bytesOf(snapshot.state) : null,
        snapshotStateVector: snapshot?.state_vector ? bytesOf(snapshot.state_vector) : null,
        updates: rows.map((row) => bytesOf(row.data)),
        lastSeq: rows.at(-1)?.seq ?? from,
      }
    })()
  }

  async appendUpdates(batch: readonly PendingUpdate[]): Promise<Map<string, AppendedSeqs>> {
    const seqs = this.writeBatch(batch)
    // Only a committed transaction moves the heads.
    for (const [boardId, { lastSeq }] of seqs) this.heads.set(boardId, lastSeq)
    return seqs
  }

  async loadClientOwners(boardId: string): Promise<ClientClaim[]> {
    return this.statements.clientOwners.all(boardId).map((row) => ({ clientId: row.client_id, principalId: row.principal_id }))
  }

  async listHistory(boardId: string, query: HistoryQuery): Promise<StoredAuditEntry[]> {
    const projectId = query.projectId ?? null
    return this.statements.history.all(boardId, projectId, projectId, query.beforeId ?? Number.MAX_SAFE_INTEGER, query.limit).map(toAuditEntry)
  }

  private insertAudit(boardId: string, entry: AuditRecord): void {
    this.statements.appendAudit.run(
      boardId,
      entry.projectId,
      entry.recordId,
      entry.at,
      entry.actorId,
      entry.actorLabel,
      entry.action,
      entry.field,
      auditValueJson(entry.from),
      auditValueJson(entry.to),
    )
  }

  async compactBoard(id: string, snapshot: EncodedSnapshot, uptoSeq: number, projectCount: number, options: CompactionOptions = {}): Promise<void> {
    const policy = options.policy ?? DEFAULT_HISTORY_POLICY
    const now = this.now()
    this.db.transaction(() => {
      // An older snapshot than the stored one changes nothing, history included.
      if (this.statements.upsertSnapshot.run(id, snapshot.state, snapshot.stateVector, uptoSeq).changes === 0) return
      this.statements.setProjectCount.run(projectCount, id)
      const lastKept = this.statements.lastKept.get(id)?.taken_at ?? null
      if (options.keepForHistory || lastKept === null || now - lastKept >= policy.keepSnapshotEveryMs) {
        this.statements.keepSnapshot.run(id, uptoSeq, now, packHistorySnapshot(snapshot.state))
      }
      if (policy.retainMs === null) return
      // The last kept snapshot at or before the retention's start is where the oldest kept moment
      // replays from: everything before it can go.
      const base = this.statements.keptBaseSeq.get(id, now - policy.retainMs)
      if (!base) return
      this.statements.dropKeptBefore.run(id, base.upto_seq)
      this.statements.deleteUpdatesUpTo.run(id, base.upto_seq)
    })()
  }

  async loadBoardStateAt(id: string, at: number): Promise<StoredPastState | undefined> {
    return this.db.transaction(() => {
      const base = this.statements.keptAtOrBefore.get(id, at)
      if (!base) return undefined
      const rows = this.statements.updatesCommittedBy.all(id, base.upto_seq, at)
      return {
        snapshot: unpackHistorySnapshot(bytesOf(base.state), base.compressed),
        updates: rows.map((row) => bytesOf(row.data)),
        lastSeq: rows.at(-1)?.seq ?? base.upto_seq,
      }
    })()
  }

  isReady(): boolean {
    return this.db.open
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }
}
