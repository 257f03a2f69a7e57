import type { ReminderEvent } from '@guatu/shared/domain/reminderEvent'
import type { ChannelKind, DeliveryMode, DeliveryStatus } from '@guatu/shared/domain/reminderChannel'

/** A unit's channel as stored: the target and secret in full, for the sender only. */
export interface StoredChannel {
  boardId: string
  unit: string
  kind: ChannelKind
  /** Webhook URL or e-mail address. */
  target: string
  /** 钉钉 加签 secret; null for the others. */
  secret: string | null
  mode: DeliveryMode
  /** ISO time. */
  updatedAt: string
  updatedByLabel: string
}

/** Where one event goes: a channel of its unit, and not before when (a digest waits for the morning). */
export interface DeliveryPlan {
  kind: ChannelKind
  mode: DeliveryMode
  notBefore: number
}

/** A delivery a sender has taken (leased) and must now send and finish. */
export interface ClaimedDelivery {
  id: number
  boardId: string
  unit: string
  kind: ChannelKind
  mode: DeliveryMode
  event: ReminderEvent
  /** Attempts made before this one. */
  attempts: number
}

export interface DeliveryOutcome {
  status: DeliveryStatus
  attempts: number
  /** When a pending delivery may be tried again. */
  notBefore: number
}

export interface DeliveryLogRow {
  boardId: string
  unit: string
  kind: ChannelKind
  /** ISO time. */
  at: string
  subject: string
  ok: boolean
  answer: string
  attempt: number
  status: DeliveryStatus
}

/**
 * Reminder channels, the outbox and the delivery log: one adapter per backend (SQLite,
 * PostgreSQL), both run through test/storage/reminderStoreContract.ts.
 */
export interface ReminderStore {
  listChannels(boardId: string): Promise<StoredChannel[]>
  getChannel(boardId: string, unit: string, kind: ChannelKind): Promise<StoredChannel | undefined>
  putChannel(channel: StoredChannel): Promise<void>
  /** False when there was no such channel. */
  deleteChannel(boardId: string, unit: string, kind: ChannelKind): Promise<boolean>
  /** Boards with at least one channel: the only ones worth asking sources about. */
  boardsWithChannels(): Promise<string[]>
  /**
   * Records an event under its key and its deliveries, atomically and once: false (and nothing
   * written) when the key is already there, whichever process wrote it. The unique key is what
   * makes "one message per event" hold across a cluster, not a read before the write.
   */
  enqueue(key: string, event: ReminderEvent, plans: readonly DeliveryPlan[], now: number): Promise<boolean>
  /**
   * Takes up to `limit` pending deliveries that are due, leasing them for `leaseMs`: another
   * process claims neither them (PostgreSQL: FOR UPDATE SKIP LOCKED) nor, until the lease runs
   * out (a sender that died), gets them again.
   */
  claimDue(now: number, leaseMs: number, limit: number): Promise<ClaimedDelivery[]>
  finish(id: number, outcome: DeliveryOutcome): Promise<void>
  appendLog(row: DeliveryLogRow): Promise<void>
  /** Newest first. */
  listLog(boardId: string, limit: number): Promise<DeliveryLogRow[]>
}
