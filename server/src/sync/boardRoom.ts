import * as Y from 'yjs'
import { countProjects } from '@guatu/shared/board/projectQueries'
import type { AppendedSeqs, BoardStorage, HistoryPolicy } from '../storage/boardStorage.ts'
import { errorFields, type Logger } from '../log.ts'
import type { Principal } from '@guatu/shared/domain/principal'
import type { AuditRecord } from '../audit/auditRecord.ts'
import { writeRecordStamps } from '@guatu/shared/board/recordStamps'
import { canWrite } from '@guatu/shared/domain/permissions'
import { SERVER_OWNER } from '../validation/clientOwners.ts'
import { UpdateJudge } from '../validation/updateJudge.ts'
import { needsMet, type HistoryNeeds } from '../validation/updatePreflight.ts'
import { ruleOnUpdate } from '../validation/updateRuling.ts'
import { RecordCollection } from '@guatu/shared/board/boardDoc'
import { BoardDocument } from './boardDocument.ts'
import type { CommitQueue, CommitTarget, QueuedUpdate } from './commitQueue.ts'
import type { ClientClaim } from '../storage/boardStorage.ts'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { CatchUpLoop } from './catchUpLoop.ts'
import { CompactionScheduler, type CompactionOptions } from './compactionScheduler.ts'
import { HeldUpdates, type HeldRetry } from './heldUpdates.ts'
import { encodeSyncStep1, encodeSyncStep2, isEmptyStateVector, syncStep2Header } from './messages.ts'
import { REMOTE_ORIGIN, SERVER_ORIGIN, isTransactionOrigin, type TransactionOrigin } from './origin.ts'
import { acknowledgeDurable, broadcastUpdates, connectionIdOf, mergeUpdates } from './roomBroadcast.ts'
import type { RoomConnection } from './roomConnection.ts'
import type { RoomFanout } from './roomFanout.ts'
import { RoomPresence } from './roomPresence.ts'
import { NO_METRICS, type CatchUpReason, type SyncMetrics } from './syncMetrics.ts'
import { RemotePlacement, Watermark } from './watermark.ts'

const GAP_REJECTION = '数据更新不连续且缺失部分未到达，请刷新后重试'
const HELD_TOO_MUCH = '等待补齐的数据更新过多，连接已断开，请刷新后重试'
const REFUSED_TOO_OFTEN = '被拒绝的修改过多，连接已断开'

export type BoardRoomOptions = CompactionOptions & {
  /** What compaction keeps of the past for 回头看 (default: a snapshot a day, kept for good). */
  history?: HistoryPolicy
}

/** Stamps that mark a meeting's start or end (see MEETING_POLICY). */
const MEETING_BOUNDARY_FIELDS: ReadonlySet<string> = new Set(['startedAt', 'endedAt'])

/** What connects a room to the rest of the deployment; both optional for a single process. */
export interface RoomCluster {
  /** Other processes serving the same boards (PostgreSQL + Redis); absent for a single process. */
  fanout?: RoomFanout
  metrics?: SyncMetrics
  /** Told after each durable batch of a board's changes (the reminder scheduler asks about the board again). */
  persisted?: (boardId: string) => void
}

type Applied = { outcome: 'applied' } | { outcome: 'gap'; needs: HistoryNeeds } | { outcome: 'rejected'; reason: string }

/**
 * One loaded board: its document, its presence, the connections on it. Has every incoming update
 * judged before applying it (updateRuling.ts), and hands accepted changes to the commit queue; it
 * broadcasts only what storage has confirmed. Presence, held updates, the storage watermark and
 * compaction are modules of their own; the room joins them.
 */
export class BoardRoom implements CommitTarget {
  private readonly document: BoardDocument
  private readonly presence: RoomPresence<RoomConnection>
  /** Joined before the document was built: they get the server's SyncStep1 once it is. */
  private readonly awaitingStateVector = new Set<RoomConnection>()
  private readonly connections = new Set<RoomConnection>()
  /** Connections with updates held for lack of history (see retryHeldUpdates). */
  private readonly held = new HeldUpdates<RoomConnection>()
  /** Changes applied to the document but not yet durable. */
  private unpersisted = 0
  private readonly whenPersisted: Array<() => void> = []
  private readonly watermark = new Watermark()
  private readonly catchUps = new CatchUpLoop((reason) => this.readGap(reason))
  private readonly compaction: CompactionScheduler
  private loaded = false
  private closed = false
  private readonly fanout: RoomFanout | undefined
  private readonly metrics: SyncMetrics
  private readonly persisted: ((boardId: string) => void) | undefined
  /** History entries and client-id claims of the update being applied right now (see tryApply). */
  private nextCommit: { audit: AuditRecord[]; claims: ClientClaim[] } | undefined
  /** When the update being applied was judged: its commit time for 回头看, and its stamps' (see PendingUpdate.receivedAt). */
  private receivedAtForNextUpdates: number | undefined
  /** A meeting started or ended since the last compaction: its snapshot is kept for 回头看. */
  private meetingBoundary = false
  /** True while the document applies an update the judge has integrated already. */
  private applyingJudged = false
  /** Decides on every update before the document sees it (see UpdateJudge). */
  private readonly judge: UpdateJudge
  private ownersReload: Promise<void> | undefined
  private readonly history: HistoryPolicy | undefined

  constructor(
    readonly boardId: string,
    private readonly storage: BoardStorage,
    private readonly commits: CommitQueue,
    options: BoardRoomOptions,
    private readonly log: Logger,
    private readonly onEmpty: (room: BoardRoom) => void,
    cluster: RoomCluster = {},
  ) {
    this.history = options.history
    this.fanout = cluster.fanout
    this.metrics = cluster.metrics ?? NO_METRICS
    this.persisted = cluster.persisted
    this.compaction = new CompactionScheduler(options, { isSettled: () => this.unpersisted === 0, writeSnapshot: () => this.writeSnapshot() }, (error) =>
      this.log.error('compaction failed', { boardId: this.boardId, ...errorFields(error) }),
    )
    this.document = new BoardDocument(boardId, log, {
      built: (doc) => {
        for (const connection of this.awaitingStateVector) connection.send(encodeSyncStep1(Y.encodeStateVector(doc)))
        this.awaitingStateVector.clear()
        this.compaction.scheduleIfDue()
      },
      changed: (update, origin) => this.onDocUpdate(update, origin),
    })
    this.judge = new UpdateJudge(() => this.doc, { clustered: this.fanout !== undefined })
    // The server's own stamps are written under this id; no connection may ever write under it.
    this.judge.owners.record([{ clientId: this.document.unbuilt.clientID, principalId: SERVER_OWNER }])
    const fanout = this.fanout
    this.presence = new RoomPresence(this.document.unbuilt, this.connections, fanout && ((update) => fanout.publishAwareness(boardId, update)))
  }

  /**
   * Reads the stored state completely before the room answers anyone. The room can answer new
   * clients from it right away; the document is built shortly after (see BoardDocument).
   */
  async load(): Promise<void> {
    const [stored, owners] = await Promise.all([this.storage.loadBoardState(this.boardId), this.storage.loadClientOwners(this.boardId)])
    this.judge.owners.record(owners)
    this.document.load(stored)
    this.watermark.loaded(stored.lastSeq)
    this.compaction.reset(stored.updates.length)
    this.loaded = true
  }

  /** The board's document, built from the stored state on first use. */
  get doc(): Y.Doc {
    return this.document.doc
  }

  /** Every stored update up to this sequence number is in the document. */
  get appliedSeq(): number {
    return this.watermark.applied
  }

  get connectionCount(): number {
    return this.connections.size
  }

  join(connection: RoomConnection): void {
    this.connections.add(connection)
    // The server's state vector asks the client for what it has that the server lacks. Before the
    // document is built it comes from the image; when even that would mean decoding it, it waits.
    const stateVector = this.document.stateVector()
    if (stateVector) connection.send(encodeSyncStep1(stateVector))
    else this.awaitingStateVector.add(connection)
    this.presence.greet(connection)
  }

  leave(connection: RoomConnection): void {
    if (!this.connections.delete(connection)) return
    this.awaitingStateVector.delete(connection)
    this.held.forget(connection)
    // A board only watched (screens, leaders) needs no candidate copy: its memory is given back.
    if (![...this.connections].some((peer) => canWrite(peer.principal))) this.judge.release()
    this.presence.leave(connection)
    if (this.connections.size === 0) this.onEmpty(this)
  }

  /**
   * Answers a client's state vector with what it lacks, once everything in the document is durable.
   * A client that has nothing gets the whole state from the image (see sendWholeState).
   */
  receiveSyncStep1(connection: RoomConnection, stateVector: Uint8Array): void {
    const reply = () => {
      if (!this.connections.has(connection)) return
      if (isEmptyStateVector(stateVector)) this.sendWholeState(connection)
      else connection.send(encodeSyncStep2(this.doc, stateVector))
      connection.markCaughtUp()
    }
    if (this.unpersisted > 0) this.whenPersisted.push(reply)
    else reply()
  }

  /** The whole board in one SyncStep2, sent as two websocket fragments (header, state) so megabytes are never copied. */
  private sendWholeState(connection: RoomConnection): void {
    const { state, sent } = this.document.wholeState()
    connection.sendParts([syncStep2Header(state.byteLength), state], sent)
  }

  receiveUpdate(connection: RoomConnection, update: Uint8Array): void {
    const verdict = this.tryApply(connection, update)
    if (verdict.outcome === 'gap') this.hold(connection, update, verdict.needs)
    else if (verdict.outcome === 'rejected') this.reject(connection, verdict.reason)
    else this.retryHeldUpdates()
  }

  /** How held updates are judged again (see HeldUpdates). */
  private readonly heldRetry: HeldRetry<RoomConnection> = {
    met: (needs) => needsMet(this.doc, this.judge.owners.ownerOf, needs),
    retry: (connection, update, ownersFresh) => {
      const retry = this.tryApply(connection, update, ownersFresh)
      if (retry.outcome === 'rejected') this.reject(connection, retry.reason)
      else if (retry.outcome === 'gap') this.hold(connection, update, retry.needs)
      return retry.outcome === 'applied'
    },
  }

  private retryHeldUpdates(): void {
    this.held.retryReady(this.heldRetry)
  }

  /**
   * Keeps an update until the history it needs arrives. Only writers get here (the judge refuses
   * anything from a read-only principal outright); one that holds more than its allowance is cut off.
   */
  private hold(connection: RoomConnection, update: Uint8Array, needs: HistoryNeeds): void {
    if (!this.held.hold(connection, update, needs)) {
      this.metrics.updateRejected()
      connection.rejectUpdate(GAP_REJECTION)
      connection.close(CloseCode.rateLimited, HELD_TOO_MUCH)
      return
    }
    // With other processes, the missing history may be stored already but not yet read here.
    if (this.fanout && needs.clocks.size > 0) void this.catchUp('missing-history')
    if (this.fanout && needs.owners.size > 0) this.reloadOwners()
  }

  /**
   * Reads which principal owns which client id again (another process may have recorded a client
   * that now writes here), then judges the updates that waited for it: an owner still unknown
   * after the read is refused.
   */
  private reloadOwners(): void {
    if (this.ownersReload) return
    this.ownersReload = this.storage
      .loadClientOwners(this.boardId)
      .then((claims) => this.judge.owners.record(claims))
      .catch((error: unknown) => this.log.warn('client owners read failed', { boardId: this.boardId, ...errorFields(error) }))
      .finally(() => {
        this.ownersReload = undefined
        this.commits.dispatch(() => {
          if (!this.closed) this.held.retryOwnerWaiters(this.heldRetry)
        })
      })
  }

  private reject(connection: RoomConnection, reason: string): void {
    this.metrics.updateRejected()
    connection.rejectUpdate(reason)
    if (connection.noteRefusal()) connection.close(CloseCode.rateLimited, REFUSED_TOO_OFTEN)
  }

  /**
   * A change another process accepted and stored as (previousSeq, lastSeq]. Applied at once when
   * it follows what this room has; otherwise the gap is read from storage, which also brings
   * this change. Never validated again: the accepting process did that against the same history.
   */
  applyRemote(update: Uint8Array, seqs: AppendedSeqs, publishedAt?: number): void {
    if (this.closed || !this.loaded) return
    const placement = this.watermark.place(seqs)
    if (placement === RemotePlacement.stale) return
    if (placement === RemotePlacement.gap) {
      void this.catchUp('gap')
      return
    }
    Y.applyUpdate(this.doc, update, REMOTE_ORIGIN)
    this.watermark.appliedRemote(seqs)
    this.compaction.added(1)
    this.metrics.remoteApplied(1, publishedAt === undefined ? undefined : Date.now() - publishedAt)
    this.retryHeldUpdates()
    this.compaction.scheduleIfDue()
  }

  /**
   * Reads what storage has after the watermark and applies it (a snapshot too, when a compaction
   * has removed part of the gap); see CatchUpLoop for how concurrent requests are served.
   */
  catchUp(reason: CatchUpReason): Promise<void> {
    return this.catchUps.request(reason)
  }

  private async readGap(reason: CatchUpReason): Promise<void> {
    if (this.closed || !this.loaded) return
    let stored
    try {
      stored = await this.storage.loadBoardState(this.boardId, this.watermark.applied)
    } catch (error) {
      this.log.warn('catch-up read failed', { boardId: this.boardId, reason, ...errorFields(error) })
      return
    }
    if (this.closed) return
    if (stored.snapshot || stored.updates.length > 0) {
      this.doc.transact(() => {
        if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot)
        for (const update of stored.updates) Y.applyUpdate(this.doc, update)
      }, REMOTE_ORIGIN)
      if (stored.snapshot) this.compaction.reset(stored.updates.length)
      else this.compaction.added(stored.updates.length)
      this.metrics.remoteApplied(stored.updates.length, undefined)
      this.retryHeldUpdates()
    }
    this.watermark.caughtUpTo(stored.lastSeq)
    this.metrics.caughtUp(reason, stored.updates.length)
    this.compaction.scheduleIfDue()
  }

  receiveRemoteAwareness(awarenessUpdate: Uint8Array): void {
    if (!this.closed) this.presence.receiveRemote(awarenessUpdate)
  }

  /**
   * Applies a change the server makes on someone's behalf (an Excel import), through the same
   * checks as a client's update: schema, the principal's permissions, history in their name.
   * Returns the reason when refused.
   */
  applyAs(principal: Principal, update: Uint8Array, options: { serverWrite?: boolean } = {}): string | undefined {
    const verdict = this.tryApply({ principal, origin: SERVER_ORIGIN, serverWrite: options.serverWrite ?? false }, update)
    if (verdict.outcome === 'gap') return GAP_REJECTION
    return verdict.outcome === 'rejected' ? verdict.reason : undefined
  }

  /**
   * Has the update judged before the document sees it (see ruleOnUpdate), then applies exactly
   * those bytes, with their history entries and client-id claims attached for the commit queue,
   * and the server's own stamps (times of events) right after, in the same commit.
   */
  private tryApply(sender: { principal: Principal; origin: TransactionOrigin; serverWrite?: boolean }, update: Uint8Array, ownersFresh = false): Applied {
    const now = new Date()
    const ruling = ruleOnUpdate(this.judge, this.doc, sender.principal, update, now, ownersFresh, sender.serverWrite ?? false)
    if (ruling.outcome === 'noop') return { outcome: 'applied' }
    if (ruling.outcome !== 'accepted') return ruling
    this.nextCommit = { audit: ruling.audit, claims: ruling.claims }
    // The update and the server's stamps after it are dated to the judgement, as the stamps are.
    this.receivedAtForNextUpdates = now.getTime()
    try {
      this.applyingJudged = true
      try {
        this.document.applyReceived(update, sender.origin)
      } finally {
        this.applyingJudged = false
        this.nextCommit = undefined
      }
      writeRecordStamps(this.doc, ruling.stamps, SERVER_ORIGIN)
    } finally {
      this.receivedAtForNextUpdates = undefined
    }
    // A meeting's start or end is where 回头看 most often looks: keep a snapshot there, once quiet.
    if (ruling.stamps.some((stamp) => stamp.collection === RecordCollection.meetings && MEETING_BOUNDARY_FIELDS.has(stamp.field))) {
      this.meetingBoundary = true
      this.compaction.scheduleSoon()
    }
    return { outcome: 'applied' }
  }

  receiveAwareness(connection: RoomConnection, awarenessUpdate: Uint8Array): void {
    this.presence.receive(connection, awarenessUpdate)
  }

  answerAwarenessQuery(connection: RoomConnection): void {
    this.presence.answerQuery(connection)
  }

  afterPersist(entries: readonly QueuedUpdate[], seqs: AppendedSeqs): void {
    this.unpersisted -= entries.length
    if (!this.watermark.persisted(seqs)) void this.catchUp('gap')
    this.compaction.added(entries.length)
    this.metrics.updatesAccepted(entries.length)
    const sent = broadcastUpdates(
      this.connections,
      entries.map((entry) => entry.update),
      entries.map((entry) => connectionIdOf(entry.origin)),
    )
    this.metrics.updateMessagesSent(sent)
    // Other processes get the batch as one update: one Redis message, one apply.
    if (this.fanout) this.fanout.publishUpdate(this.boardId, mergeUpdates(entries.map((entry) => entry.update)), seqs)
    acknowledgeDurable(this.connections, entries)
    if (this.unpersisted === 0) for (const reply of this.whenPersisted.splice(0)) reply()
    this.compaction.scheduleIfDue()
    this.persisted?.(this.boardId)
  }

  /** Storage refused the write: the in-memory state is ahead of storage, so it must be thrown away. */
  persistFailed(error: unknown): void {
    this.log.error('board dropped after failed write', { boardId: this.boardId, ...errorFields(error) })
    for (const connection of [...this.connections]) connection.close(CloseCode.internalError, '服务器保存失败，请稍后重试')
  }

  /** Flushes, compacts and releases the document. The registry calls this when the room is idle. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.compaction.stop()
    await this.commits.drained()
    await this.compaction.finish()
    this.presence.destroy()
    this.document.destroy()
  }

  /** The document equals what storage holds right now: snapshot it and drop the log it replaces. */
  private writeSnapshot(): Promise<void> {
    const keepForHistory = this.meetingBoundary
    this.meetingBoundary = false
    return this.storage.compactBoard(this.boardId, this.document.snapshot(), this.watermark.applied, countProjects(this.doc), {
      policy: this.history,
      keepForHistory,
    })
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (!isTransactionOrigin(origin) || origin.source === 'storage') return
    // The candidate copy follows every change it did not integrate itself.
    if (!this.applyingJudged) this.judge.follow()
    if (origin.source === 'remote') {
      // Durable already, elsewhere: only this process's clients need it. `update` holds just
      // what was new to this document, so a change that arrived twice is not sent twice.
      this.metrics.updateMessagesSent(broadcastUpdates(this.connections, [update], [undefined]))
      return
    }
    this.unpersisted += 1
    // Applying one incoming update is one transaction, so its history belongs to exactly this event.
    this.commits.enqueue(this, {
      update,
      origin,
      audit: this.nextCommit?.audit ?? [],
      claims: this.nextCommit?.claims ?? [],
      receivedAt: this.receivedAtForNextUpdates,
    })
    this.nextCommit = undefined
  }
}
