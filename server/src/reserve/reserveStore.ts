import * as Y from 'yjs'
import { RESERVE_DOC_ID, candidatesRoot } from '@guatu/shared/board/reserveDoc'
import type { AuditRecord } from '../audit/auditRecord.ts'
import { errorFields, type Logger } from '../log.ts'
import { encodeSnapshot, type AppendedSeqs, type BoardStorage } from '../storage/boardStorage.ts'
import type { CommitQueue, CommitTarget, QueuedUpdate } from '../sync/commitQueue.ts'
import { SERVER_ORIGIN } from '../sync/origin.ts'

/** Compact the reserve's update log after this many commands (a reserve changes a few times a day). */
const COMPACT_AFTER_UPDATES = 100

/**
 * The 项目库 document, kept in the board storage under RESERVE_DOC_ID: the same update log,
 * snapshots, audit table and group commit as a board, on SQLite and on PostgreSQL alike. Only the
 * server writes it, one command at a time, each as one update with its history entries in the same
 * transaction; a command answers once that is durable. Before every command and read it takes in
 * what other processes stored, so with several processes PostgreSQL stays the one truth.
 */
export class ReserveStore implements CommitTarget {
  readonly boardId = RESERVE_DOC_ID
  private doc: Y.Doc | undefined
  private appliedSeq = 0
  private sinceCompaction = 0
  private turn: Promise<unknown> = Promise.resolve()
  private persisting: { resolve: () => void; reject: (error: unknown) => void } | undefined

  constructor(
    private readonly storage: BoardStorage,
    private readonly commits: CommitQueue,
    private readonly log: Logger,
  ) {}

  /** Runs `reader` on the reserve as stored now. */
  read<T>(reader: (doc: Y.Doc) => T): Promise<T> {
    return this.exclusive(async () => reader(await this.current()))
  }

  /**
   * Runs `command` on a copy of the reserve; what it changed becomes one update, stored with the
   * history entries it returns, then applied. A command that throws leaves the reserve untouched.
   */
  change<T>(command: (doc: Y.Doc) => { result: T; audit: AuditRecord[] }): Promise<T> {
    return this.exclusive(async () => {
      const live = await this.current()
      const scratch = new Y.Doc()
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live))
      const before = Y.encodeStateVector(scratch)
      const { result, audit } = command(scratch)
      if (sameVector(before, Y.encodeStateVector(scratch))) return result
      const update = Y.encodeStateAsUpdate(scratch, before)
      Y.applyUpdate(live, update, SERVER_ORIGIN)
      await new Promise<void>((resolve, reject) => {
        this.persisting = { resolve, reject }
        this.commits.enqueue(this, { update, origin: SERVER_ORIGIN, audit, claims: [], receivedAt: Date.now() })
      })
      return result
    })
  }

  afterPersist(_entries: readonly QueuedUpdate[], seqs: AppendedSeqs): void {
    // Another process appended in between: the next catch-up reads from appliedSeq and takes both.
    if (seqs.previousSeq === this.appliedSeq) this.appliedSeq = seqs.lastSeq
    this.sinceCompaction += 1
    this.persisting?.resolve()
    this.persisting = undefined
  }

  persistFailed(error: unknown): void {
    // The copy in memory is ahead of storage: drop it, the next command reloads what is stored.
    this.doc = undefined
    this.persisting?.reject(error)
    this.persisting = undefined
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work)
    this.turn = run.catch(() => undefined)
    return run
  }

  /** The reserve with everything stored so far; created empty on first use. */
  private async current(): Promise<Y.Doc> {
    if (!this.doc) {
      await this.ensureStored()
      const doc = new Y.Doc()
      const stored = await this.storage.loadBoardState(RESERVE_DOC_ID)
      this.apply(doc, stored.snapshot, stored.updates)
      this.appliedSeq = stored.lastSeq
      this.sinceCompaction = stored.updates.length
      this.doc = doc
      return doc
    }
    const gap = await this.storage.loadBoardState(RESERVE_DOC_ID, this.appliedSeq)
    this.apply(this.doc, gap.snapshot, gap.updates)
    this.appliedSeq = Math.max(this.appliedSeq, gap.lastSeq)
    if (this.sinceCompaction >= COMPACT_AFTER_UPDATES) await this.compact(this.doc)
    return this.doc
  }

  private apply(doc: Y.Doc, snapshot: Uint8Array | null, updates: readonly Uint8Array[]): void {
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot)
      for (const update of updates) Y.applyUpdate(doc, update)
    })
  }

  private async compact(doc: Y.Doc): Promise<void> {
    try {
      await this.storage.compactBoard(RESERVE_DOC_ID, encodeSnapshot(doc), this.appliedSeq, candidatesRoot(doc).size)
      this.sinceCompaction = 0
    } catch (error) {
      this.log.error('reserve compaction failed', errorFields(error))
    }
  }

  private async ensureStored(): Promise<void> {
    if (await this.storage.getBoard(RESERVE_DOC_ID)) return
    try {
      await this.storage.createBoard({ id: RESERVE_DOC_ID, name: '项目库', year: 0, projectCount: 0 })
    } catch (error) {
      // Another process created it first.
      if (!(await this.storage.getBoard(RESERVE_DOC_ID))) throw error
    }
  }
}

function sameVector(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index])
}
