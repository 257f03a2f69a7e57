import type { AppendedSeqs, BoardStorage, ClientClaim } from '../storage/boardStorage.ts'
import { errorFields, type Logger } from '../log.ts'
import type { AuditRecord } from '../audit/auditRecord.ts'
import type { TransactionOrigin } from './origin.ts'
import { NO_METRICS, type SyncMetrics } from './syncMetrics.ts'

export interface QueuedUpdate {
  update: Uint8Array
  origin: TransactionOrigin
  audit: readonly AuditRecord[]
  claims: readonly ClientClaim[]
  /** When the server judged the update (see PendingUpdate.receivedAt). */
  receivedAt?: number
}

/** What the commit queue needs of a board room. */
export interface CommitTarget {
  readonly boardId: string
  /** `seqs` says where the entries landed in the board's log (see AppendedSeqs). */
  afterPersist(entries: readonly QueuedUpdate[], seqs: AppendedSeqs): void
  persistFailed(error: unknown): void
}

/**
 * Group commit. Updates accepted during one event-loop turn, from every board, are written in one
 * storage transaction; only when it is durable does each board broadcast its share, merged into
 * one message. Messages that arrive while a write is in flight wait in an inbox, so a board's
 * in-memory document never runs ahead of storage at the moment it answers a client.
 */
export class CommitQueue {
  private pending: Array<QueuedUpdate & { target: CommitTarget }> = []
  private scheduled = false
  private flushing = false
  private readonly inbox: Array<() => void> = []
  private readonly drainedWaiters: Array<() => void> = []

  constructor(
    private readonly storage: BoardStorage,
    private readonly log: Logger,
    private readonly metrics: SyncMetrics = NO_METRICS,
  ) {}

  enqueue(target: CommitTarget, entry: QueuedUpdate): void {
    this.pending.push({ target, ...entry })
    this.schedule()
  }

  /** Runs `work` now, or right after the write in flight when there is one. */
  dispatch(work: () => void): void {
    if (this.flushing) this.inbox.push(work)
    else work()
  }

  /** Resolves once everything enqueued so far is durable (used by shutdown and unload). */
  drained(): Promise<void> {
    if (!this.flushing && this.pending.length === 0) return Promise.resolve()
    return new Promise((resolve) => this.drainedWaiters.push(resolve))
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return
    this.scheduled = true
    setImmediate(() => void this.flush())
  }

  private async flush(): Promise<void> {
    this.scheduled = false
    const batch = this.pending
    this.pending = []
    if (batch.length === 0) return this.settle()
    this.flushing = true
    const started = performance.now()
    let failed = false
    try {
      const appended = await this.storage.appendUpdates(
        batch.map(({ target, update, audit, claims, receivedAt }) => ({ boardId: target.boardId, update, audit, claims, receivedAt })),
      )
      for (const [target, entries] of groupByTarget(batch)) {
        target.afterPersist(entries, appended.get(target.boardId) ?? { previousSeq: 0, lastSeq: 0 })
      }
    } catch (error) {
      failed = true
      this.log.error('persist failed', { ...errorFields(error), updates: batch.length })
      for (const target of new Set(batch.map((entry) => entry.target))) target.persistFailed(error)
    } finally {
      this.flushing = false
    }
    const elapsedMs = performance.now() - started
    this.metrics.persisted(elapsedMs, batch.length, failed)
    if (elapsedMs > 200) this.log.warn('slow persist', { elapsedMs: Math.round(elapsedMs), updates: batch.length })
    for (const work of this.inbox.splice(0)) work()
    this.settle()
  }

  private settle(): void {
    if (this.pending.length > 0) return this.schedule()
    for (const resolve of this.drainedWaiters.splice(0)) resolve()
  }
}

function groupByTarget(batch: ReadonlyArray<QueuedUpdate & { target: CommitTarget }>): Map<CommitTarget, QueuedUpdate[]> {
  const groups = new Map<CommitTarget, QueuedUpdate[]>()
  for (const { target, ...entry } of batch) {
    const entries = groups.get(target) ?? []
    entries.push(entry)
    groups.set(target, entries)
  }
  return groups
}
