import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { countProjects } from '@guatu/shared/board/projectQueries'
import type { AppendedSeqs, BoardStorage } from '../storage/boardStorage.ts'
import { errorFields, type Logger } from '../log.ts'
import { principalId, principalLabel, type Principal } from '@guatu/shared/domain/principal'
import type { AuditRecord } from '../audit/auditRecord.ts'
import { describeChanges, describeSettingChanges } from '../audit/describeChanges.ts'
import { writeRecordStamps } from '@guatu/shared/board/recordStamps'
import { canWrite } from '@guatu/shared/domain/permissions'
import { SERVER_OWNER } from '../validation/clientOwners.ts'
import { UpdateJudge } from '../validation/updateJudge.ts'
import { needsMet, type HistoryNeeds } from '../validation/updatePreflight.ts'
import { BoardDocument } from './boardDocument.ts'
import type { CommitQueue, CommitTarget, QueuedUpdate } from './commitQueue.ts'
import type { ClientClaim } from '../storage/boardStorage.ts'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { encodeAwarenessMessage, encodeSyncStep1, encodeSyncStep2, encodeUpdateMessage, isEmptyStateVector, syncStep2Header } from './messages.ts'
import { REMOTE_ORIGIN, SERVER_ORIGIN, isTransactionOrigin, type TransactionOrigin } from './origin.ts'
import { PresenceGate } from './presenceGate.ts'
import type { RoomFanout } from './roomFanout.ts'
import { SharedMessage } from './socket.ts'
import { NO_METRICS, type CatchUpReason, type SyncMetrics } from './syncMetrics.ts'

const GAP_REJECTION = '数据更新不连续且缺失部分未到达，请刷新后重试'
/** Updates held for missing history on one board, across its connections (see Connection for the others). */
const MAX_HELD_BYTES_PER_BOARD = 16 * 1024 * 1024
const HELD_TOO_MUCH = '等待补齐的数据更新过多，连接已断开，请刷新后重试'
const REFUSED_TOO_OFTEN = '被拒绝的修改过多，连接已断开'

export interface BoardRoomOptions {
  /** Compact the update log into a snapshot once this many updates follow the last snapshot. */
  compactAfterUpdates: number
  /** Wait this long after the last write before compacting, so compaction stays off busy moments. */
  compactWhenQuietForMs: number
}

/** What connects a room to the rest of the deployment; both optional for a single process. */
export interface RoomCluster {
  /** Other processes serving the same boards (PostgreSQL + Redis); absent for a single process. */
  fanout?: RoomFanout
  metrics?: SyncMetrics
}

/**
 * What the room needs of a client connection, declared here so the room does not know the
 * Connection class (connection.ts), which decodes the wire and calls into the room.
 */
export interface RoomConnection {
  readonly id: number
  /** Who authenticated this socket at the upgrade; every update is judged against it. */
  readonly principal: Principal
  readonly origin: TransactionOrigin
  /** Awareness client ids this connection speaks for, removed when it leaves. */
  readonly awarenessClientIds: Set<number>
  /** The client asked to be told when its updates are durable. */
  readonly wantsAcks: boolean
  /** Whether the board state (SyncStep2) has been sent, so live updates may follow. */
  readonly caughtUp: boolean
  markCaughtUp(): void
  /** Keeps an update that arrived ahead of its history; false (nothing kept) past the allowance. */
  holdUpdate(update: Uint8Array, needs: HistoryNeeds): boolean
  readonly heldUpdateBytes: number
  readonly heldNeeds: HistoryNeeds
  takeHeldUpdates(): Uint8Array[]
  /** Counts a refusal; true when the connection has been refused too often and must go. */
  noteRefusal(nowMs?: number): boolean
  send(message: Uint8Array): void
  sendParts(parts: readonly Uint8Array[], onSent?: () => void): void
  sendShared(message: SharedMessage): void
  rejectUpdate(reason: string): void
  refusePresence(reason: string): void
  ignorePresence(reason: string): void
  acknowledge(updates: readonly Uint8Array[]): void
  close(code: number, reason: string): void
}

/** The awareness origin of presence that arrived from another process. */
const REMOTE_AWARENESS = { source: 'remote' } as const
/** An awareness update with no entries: the echo a sender gets when nothing it said is shown. */
const EMPTY_AWARENESS_MESSAGE = encodeAwarenessMessage(Uint8Array.of(0))

/**
 * One loaded board: its document, its awareness, the connections on it. Validates every incoming
 * update before applying it, and hands accepted changes to the commit queue; it broadcasts only
 * what storage has confirmed.
 */
export class BoardRoom implements CommitTarget {
  private readonly document: BoardDocument
  readonly awareness: awarenessProtocol.Awareness
  /** Decides what of a client's presence is applied and forwarded (presenceGate.ts). */
  private readonly presence: PresenceGate
  /** Joined before the document was built: they get the server's SyncStep1 once it is. */
  private readonly awaitingStateVector = new Set<RoomConnection>()
  private readonly connections = new Set<RoomConnection>()
  /** Connections with updates held for lack of history (see retryHeldUpdates). */
  private readonly holding = new Set<RoomConnection>()
  /** Changes applied to the document but not yet durable. */
  private unpersisted = 0
  private readonly whenPersisted: Array<() => void> = []
  /**
   * Every stored update with a sequence number up to this one is in the document (it may hold
   * later ones too). Advanced only when that stays true, so a read of `seq > lastSeq` always
   * closes every gap.
   */
  private lastSeq = 0
  private loaded = false
  private catchUpRun: Promise<void> | undefined
  private catchUpQueued: Promise<void> | undefined
  private readonly fanout: RoomFanout | undefined
  private readonly metrics: SyncMetrics
  private updatesSinceSnapshot = 0
  private compactionTimer: NodeJS.Timeout | undefined
  private compacting: Promise<void> | undefined
  private closed = false
  /** History entries of the update being applied right now (see tryApply). */
  private auditForNextUpdate: AuditRecord[] = []
  /** Client ids the update being applied right now introduces, stored with it. */
  private claimsForNextUpdate: ClientClaim[] = []
  /** Decides on every update before the document sees it (see UpdateJudge). */
  private readonly judge: UpdateJudge
  /** True while the document applies an update the judge has integrated already. */
  private applyingJudged = false
  private ownersReload: Promise<void> | undefined

  constructor(
    readonly boardId: string,
    private readonly storage: BoardStorage,
    private readonly commits: CommitQueue,
    private readonly options: BoardRoomOptions,
    private readonly log: Logger,
    private readonly onEmpty: (room: BoardRoom) => void,
    cluster: RoomCluster = {},
  ) {
    this.fanout = cluster.fanout
    this.metrics = cluster.metrics ?? NO_METRICS
    this.document = new BoardDocument(boardId, log, {
      built: (doc) => {
        for (const connection of this.awaitingStateVector) connection.send(encodeSyncStep1(Y.encodeStateVector(doc)))
        this.awaitingStateVector.clear()
        if (this.updatesSinceSnapshot >= this.options.compactAfterUpdates) this.scheduleCompaction()
      },
      changed: (update, origin) => this.onDocUpdate(update, origin),
    })
    this.awareness = new awarenessProtocol.Awareness(this.document.unbuilt)
    this.judge = new UpdateJudge(() => this.doc, { clustered: this.fanout !== undefined })
    // The server's own stamps are written under this id; no connection may ever write under it.
    this.judge.owners.record([{ clientId: this.document.unbuilt.clientID, principalId: SERVER_OWNER }])
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onAwarenessChange)
    this.presence = new PresenceGate(this.awareness, (sender) => this.connections.has(sender as RoomConnection))
  }

  /**
   * Reads the stored state completely before the room answers anyone. The room can answer new
   * clients from it right away; the document is built shortly after (see BoardDocument).
   */
  async load(): Promise<void> {
    const [stored, owners] = await Promise.all([this.storage.loadBoardState(this.boardId), this.storage.loadClientOwners(this.boardId)])
    this.judge.owners.record(owners)
    this.document.load(stored)
    this.lastSeq = stored.lastSeq
    this.updatesSinceSnapshot = stored.updates.length
    this.loaded = true
  }

  /** The board's document, built from the stored state on first use. */
  get doc(): Y.Doc {
    return this.document.doc
  }

  /** Every stored update up to this sequence number is in the document. */
  get appliedSeq(): number {
    return this.lastSeq
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
    const states = this.awareness.getStates()
    if (states.size > 0) {
      connection.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])))
    }
  }

  leave(connection: RoomConnection): void {
    if (!this.connections.delete(connection)) return
    this.awaitingStateVector.delete(connection)
    this.holding.delete(connection)
    // A board only watched (screens, leaders) needs no candidate copy: its memory is given back.
    if (![...this.connections].some((peer) => canWrite(peer.principal))) this.judge.release()
    if (connection.awarenessClientIds.size > 0) {
      const ids = [...connection.awarenessClientIds]
      awarenessProtocol.removeAwarenessStates(this.awareness, ids, null)
      // The removal (state null, next clock) makes the presence vanish on every other process too.
      this.fanout?.publishAwareness(this.boardId, awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))
    }
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
    if (verdict.outcome === 'gap') {
      this.hold(connection, update, verdict.needs)
      return
    }
    if (verdict.outcome === 'rejected') {
      this.reject(connection, verdict.reason)
      return
    }
    this.retryHeldUpdates()
  }

  /**
   * Updates held for lack of history are looked at again only once the board has what they wait
   * for: the missing part can come from the same client, from another one (browser tabs share edits
   * directly), or from another process. Passes repeat while one retry completes another.
   */
  private retryHeldUpdates(): void {
    let applied = true
    while (applied && this.holding.size > 0) {
      applied = false
      for (const connection of [...this.holding]) {
        if (needsMet(this.doc, this.judge.owners.ownerOf, connection.heldNeeds) && this.retryHeld(connection)) applied = true
      }
    }
  }

  /** Whether the connection's held updates could be applied now. */
  private retryHeld(connection: RoomConnection, ownersFresh = false): boolean {
    this.holding.delete(connection)
    const held = connection.takeHeldUpdates()
    if (held.length === 0) return false
    const merged = mergeUpdates(held)
    const retry = this.tryApply(connection, merged, ownersFresh)
    if (retry.outcome === 'rejected') this.reject(connection, retry.reason)
    else if (retry.outcome === 'gap') this.hold(connection, merged, retry.needs)
    return retry.outcome === 'applied'
  }

  /**
   * Keeps an update until the history it needs arrives. Only writers get here (the judge refuses
   * anything from a read-only principal outright); one that holds more than its allowance is cut off.
   */
  private hold(connection: RoomConnection, update: Uint8Array, needs: HistoryNeeds): void {
    let heldOnBoard = update.byteLength
    for (const holder of this.holding) heldOnBoard += holder.heldUpdateBytes
    if (heldOnBoard > MAX_HELD_BYTES_PER_BOARD || !connection.holdUpdate(update, needs)) {
      connection.takeHeldUpdates()
      this.holding.delete(connection)
      this.metrics.updateRejected()
      connection.rejectUpdate(GAP_REJECTION)
      connection.close(CloseCode.rateLimited, HELD_TOO_MUCH)
      return
    }
    this.holding.add(connection)
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
          if (this.closed) return
          for (const connection of [...this.holding]) if (connection.heldNeeds.owners.size > 0) this.retryHeld(connection, true)
          this.retryHeldUpdates()
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
    if (this.closed || !this.loaded || seqs.lastSeq <= this.lastSeq) return
    if (seqs.previousSeq !== this.lastSeq) {
      void this.catchUp('gap')
      return
    }
    Y.applyUpdate(this.doc, update, REMOTE_ORIGIN)
    this.lastSeq = seqs.lastSeq
    this.updatesSinceSnapshot += 1
    this.metrics.remoteApplied(1, publishedAt === undefined ? undefined : Date.now() - publishedAt)
    this.retryHeldUpdates()
    this.scheduleCompactionIfDue()
  }

  /**
   * Reads what storage has after `lastSeq` and applies it (a snapshot too, when a compaction has
   * removed part of the gap). One read at a time; a request during a read runs once more after it,
   * so a caller that awaits this sees everything stored before it called.
   */
  catchUp(reason: CatchUpReason): Promise<void> {
    if (!this.catchUpRun) {
      this.catchUpRun = this.readGap(reason).finally(() => (this.catchUpRun = undefined))
      return this.catchUpRun
    }
    this.catchUpQueued ??= this.catchUpRun.then(() => {
      this.catchUpQueued = undefined
      return this.catchUp(reason)
    })
    return this.catchUpQueued
  }

  private async readGap(reason: CatchUpReason): Promise<void> {
    if (this.closed || !this.loaded) return
    let stored
    try {
      stored = await this.storage.loadBoardState(this.boardId, this.lastSeq)
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
      this.updatesSinceSnapshot = stored.snapshot ? stored.updates.length : this.updatesSinceSnapshot + stored.updates.length
      this.metrics.remoteApplied(stored.updates.length, undefined)
      this.retryHeldUpdates()
    }
    this.lastSeq = Math.max(this.lastSeq, stored.lastSeq)
    this.metrics.caughtUp(reason, stored.updates.length)
    this.scheduleCompactionIfDue()
  }

  /**
   * Presence from a client of another process: vetted there, bounded and checked again here (see
   * PresenceGate.admitRemote), then applied for late joiners and sent to local clients.
   */
  receiveRemoteAwareness(awarenessUpdate: Uint8Array): void {
    if (this.closed) return
    const admitted = this.presence.admitRemote(awarenessUpdate)
    if (admitted) awarenessProtocol.applyAwarenessUpdate(this.awareness, admitted, REMOTE_AWARENESS)
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
   * Decides on an update before the document sees it (see UpdateJudge): what integrating it really
   * changes, whether the schema allows the values, whether the sender may make those changes. Then
   * applies exactly those bytes, with their history entries and client-id claims attached for the
   * commit queue, and the server's own stamps (times of events) right after, in the same commit.
   */
  private tryApply(
    sender: { principal: Principal; origin: TransactionOrigin; serverWrite?: boolean },
    update: Uint8Array,
    ownersFresh = false,
  ): { outcome: 'applied' } | { outcome: 'gap'; needs: HistoryNeeds } | { outcome: 'rejected'; reason: string } {
    const now = new Date()
    const verdict = this.judge.judge(sender.principal, update, now, ownersFresh, sender.serverWrite ?? false)
    if (verdict.outcome === 'noop') return { outcome: 'applied' }
    if (verdict.outcome === 'gap') return verdict
    if (verdict.outcome === 'rejected') return verdict
    const at = now.toISOString()
    const actor = { actorId: principalId(sender.principal), actorLabel: principalLabel(sender.principal) }
    const changes = [...describeChanges(this.doc, verdict.effects), ...describeSettingChanges(this.doc, verdict.settings)]
    this.auditForNextUpdate = changes.map((change) => ({ ...change, at, ...actor }))
    this.claimsForNextUpdate = this.judge.accepted(verdict, sender.principal, now)
    this.applyingJudged = true
    try {
      this.document.applyReceived(update, sender.origin)
    } finally {
      this.applyingJudged = false
      this.auditForNextUpdate = []
      this.claimsForNextUpdate = []
    }
    writeRecordStamps(this.doc, verdict.stamps, SERVER_ORIGIN)
    return { outcome: 'applied' }
  }

  /**
   * Awareness is not persisted. It passes the presence gate first (the server vouches for names and
   * units, a connection speaks only for its own client ids, states are bounded; see PresenceGate),
   * then what it admitted is applied for late joiners and forwarded to everyone, the sender
   * included — y-websocket clients count its 15-second echo as a sign of life and would otherwise
   * reconnect every 30 seconds when alone on a board. A message with nothing admitted (a screen
   * link's, a relay of others' states) is answered to its sender alone with an empty update.
   */
  receiveAwareness(connection: RoomConnection, awarenessUpdate: Uint8Array): void {
    const admission = this.presence.admit(connection, awarenessUpdate)
    if (admission.outcome === 'refused') {
      connection.refusePresence(admission.reason)
      return
    }
    if (admission.ignored !== undefined) connection.ignorePresence(admission.ignored)
    if (!admission.update) {
      connection.send(EMPTY_AWARENESS_MESSAGE)
      return
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, admission.update, connection)
    const shared = new SharedMessage([encodeAwarenessMessage(admission.update)])
    for (const peer of this.connections) peer.sendShared(shared)
    this.fanout?.publishAwareness(this.boardId, admission.update)
  }

  answerAwarenessQuery(connection: RoomConnection): void {
    const ids = [...this.awareness.getStates().keys()]
    connection.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)))
  }

  afterPersist(entries: readonly QueuedUpdate[], seqs: AppendedSeqs): void {
    this.unpersisted -= entries.length
    // Another process's updates may lie between what this room has and this batch: then the
    // watermark stays and a catch-up reads them (and this batch again, which Yjs ignores).
    if (seqs.previousSeq <= this.lastSeq) this.lastSeq = Math.max(this.lastSeq, seqs.lastSeq)
    else void this.catchUp('gap')
    this.updatesSinceSnapshot += entries.length
    this.metrics.updatesAccepted(entries.length)
    this.broadcast(
      entries.map((entry) => entry.update),
      entries.map((entry) => connectionIdOf(entry.origin)),
    )
    // Other processes get the batch as one update: one Redis message, one apply.
    if (this.fanout) this.fanout.publishUpdate(this.boardId, mergeUpdates(entries.map((entry) => entry.update)), seqs)
    this.acknowledge(entries)
    if (this.unpersisted === 0) for (const reply of this.whenPersisted.splice(0)) reply()
    this.scheduleCompactionIfDue()
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
    clearTimeout(this.compactionTimer)
    await this.commits.drained()
    await this.compacting
    if (this.updatesSinceSnapshot > 0) await this.compact()
    this.awareness.destroy()
    this.document.destroy()
  }

  /**
   * Each update as its own message, framed once for every connection and written to each in one
   * go; nobody is sent back what they sent. `senders[i]` is the connection `updates[i]` came from.
   */
  private broadcast(updates: readonly Uint8Array[], senders: ReadonlyArray<number | undefined>): void {
    const messages = updates.map((update) => encodeUpdateMessage(update))
    const everyone = new SharedMessage(messages)
    let sent = 0
    for (const connection of this.connections) {
      // A connection still waiting for its SyncStep2 gets these changes inside it; sent alone
      // first, they would reach a client that lacks their history.
      if (!connection.caughtUp) continue
      const others = senders.includes(connection.id) ? messages.filter((_, index) => senders[index] !== connection.id) : messages
      if (others.length === 0) continue
      connection.sendShared(others === messages ? everyone : new SharedMessage(others))
      sent += others.length
    }
    this.metrics.updateMessagesSent(sent)
  }

  private acknowledge(entries: readonly QueuedUpdate[]): void {
    for (const connection of this.connections) {
      if (!connection.wantsAcks) continue
      const own = entries.filter((entry) => connectionIdOf(entry.origin) === connection.id)
      if (own.length > 0) connection.acknowledge(own.map((entry) => entry.update))
    }
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (!isTransactionOrigin(origin) || origin.source === 'storage') return
    // The candidate copy follows every change it did not integrate itself.
    if (!this.applyingJudged) this.judge.follow(update)
    if (origin.source === 'remote') {
      // Durable already, elsewhere: only this process's clients need it. `update` holds just
      // what was new to this document, so a change that arrived twice is not sent twice.
      this.broadcast([update], [undefined])
      return
    }
    this.unpersisted += 1
    // Applying one incoming update is one transaction, so its history belongs to exactly this event.
    this.commits.enqueue(this, { update, origin, audit: this.auditForNextUpdate, claims: this.claimsForNextUpdate })
    this.auditForNextUpdate = []
    this.claimsForNextUpdate = []
  }

  private readonly onAwarenessChange = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    // A connection's presence was forwarded as the gate admitted it (receiveAwareness); its ids are the gate's to track.
    if (origin && typeof origin === 'object' && 'awarenessClientIds' in origin) return
    // Removals the server makes itself (a connection left): everyone still here must hear of them.
    const changed = [...added, ...updated, ...removed]
    if (changed.length === 0) return
    const message = new SharedMessage([encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))])
    for (const connection of this.connections) connection.sendShared(message)
  }

  private scheduleCompactionIfDue(): void {
    if (this.updatesSinceSnapshot >= this.options.compactAfterUpdates) this.scheduleCompaction()
  }

  private scheduleCompaction(): void {
    if (this.closed) return
    clearTimeout(this.compactionTimer)
    const overdue = this.updatesSinceSnapshot >= this.options.compactAfterUpdates * 10
    this.compactionTimer = setTimeout(() => void this.compact(), overdue ? 0 : this.options.compactWhenQuietForMs)
    this.compactionTimer.unref()
  }

  private async compact(): Promise<void> {
    if (this.compacting) return this.compacting
    if (this.unpersisted > 0) return this.scheduleCompaction()
    // The document equals what storage holds right now: snapshot it and drop the log it replaces.
    const snapshot = this.document.snapshot()
    const uptoSeq = this.lastSeq
    const compactedUpdates = this.updatesSinceSnapshot
    const projectCount = countProjects(this.doc)
    this.compacting = this.storage
      .compactBoard(this.boardId, snapshot, uptoSeq, projectCount)
      .then(() => {
        this.updatesSinceSnapshot = Math.max(0, this.updatesSinceSnapshot - compactedUpdates)
      })
      .catch((error: unknown) => this.log.error('compaction failed', { boardId: this.boardId, ...errorFields(error) }))
      .finally(() => {
        this.compacting = undefined
      })
    return this.compacting
  }
}

function mergeUpdates(updates: readonly Uint8Array[]): Uint8Array {
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates([...updates])
}

function connectionIdOf(origin: TransactionOrigin): number | undefined {
  return origin.source === 'connection' ? origin.connectionId : undefined
}

