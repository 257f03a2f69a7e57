import type Database from 'better-sqlite3'
import type { ReminderEvent } from '@guatu/shared/domain/reminderEvent'
import type { ChannelKind, DeliveryMode, DeliveryStatus } from '@guatu/shared/domain/reminderChannel'
import type { ClaimedDelivery, DeliveryLogRow, DeliveryOutcome, DeliveryPlan, ReminderStore, StoredChannel } from '../reminders/reminderStore.ts'

export interface ChannelRow {
  board_id: string
  unit: string
  kind: string
  target: string
  secret: string | null
  mode: string
  updated_at: string
  updated_by_label: string
}

export interface DeliveryRow {
  id: number | string
  board_id: string
  unit: string
  kind: string
  mode: string
  payload: string
  attempts: number
}

export interface LogRow {
  board_id: string
  unit: string
  kind: string
  at: string
  subject: string
  ok: number | boolean
  answer: string
  attempt: number
  status: string
}

/** Reminder channels, outbox and delivery log in the embedded database (tables from sqliteDatabase.ts). */
export class SqliteReminderStore implements ReminderStore {
  private readonly statements
  private readonly enqueueAtomically: (key: string, event: ReminderEvent, plans: readonly DeliveryPlan[], now: number) => boolean
  private readonly claimAtomically: (now: number, leaseMs: number, limit: number) => DeliveryRow[]

  constructor(db: Database.Database) {
    const statements = {
      listChannels: db.prepare<[string], ChannelRow>('SELECT * FROM reminder_channels WHERE board_id = ? ORDER BY unit, kind'),
      getChannel: db.prepare<[string, string, string], ChannelRow>('SELECT * FROM reminder_channels WHERE board_id = ? AND unit = ? AND kind = ?'),
      putChannel: db.prepare(
        `INSERT INTO reminder_channels (board_id, unit, kind, target, secret, mode, updated_at, updated_by_label)
         VALUES (@board_id, @unit, @kind, @target, @secret, @mode, @updated_at, @updated_by_label)
         ON CONFLICT (board_id, unit, kind) DO UPDATE SET target = excluded.target, secret = excluded.secret, mode = excluded.mode,
           updated_at = excluded.updated_at, updated_by_label = excluded.updated_by_label`,
      ),
      deleteChannel: db.prepare('DELETE FROM reminder_channels WHERE board_id = ? AND unit = ? AND kind = ?'),
      boards: db.prepare<[], { board_id: string }>('SELECT DISTINCT board_id FROM reminder_channels ORDER BY board_id'),
      insertEvent: db.prepare('INSERT INTO reminder_events (event_key, board_id, created_at) VALUES (?, ?, ?) ON CONFLICT (event_key) DO NOTHING'),
      insertDelivery: db.prepare(
        `INSERT INTO reminder_deliveries (event_key, board_id, unit, kind, mode, payload, status, not_before)
         VALUES (@event_key, @board_id, @unit, @kind, @mode, @payload, 'pending', @not_before)`,
      ),
      due: db.prepare<[number, number, number], DeliveryRow>(
        `SELECT id, board_id, unit, kind, mode, payload, attempts FROM reminder_deliveries
         WHERE status = 'pending' AND not_before <= ? AND lease_until <= ? ORDER BY id LIMIT ?`,
      ),
      lease: db.prepare('UPDATE reminder_deliveries SET lease_until = ? WHERE id = ?'),
      finish: db.prepare('UPDATE reminder_deliveries SET status = ?, attempts = ?, not_before = ?, lease_until = 0 WHERE id = ?'),
      appendLog: db.prepare(
        `INSERT INTO reminder_delivery_log (board_id, unit, kind, at, subject, ok, answer, attempt, status)
         VALUES (@board_id, @unit, @kind, @at, @subject, @ok, @answer, @attempt, @status)`,
      ),
      listLog: db.prepare<[string, number], LogRow>('SELECT * FROM reminder_delivery_log WHERE board_id = ? ORDER BY id DESC LIMIT ?'),
    }
    this.statements = statements
    this.enqueueAtomically = db.transaction((key: string, event: ReminderEvent, plans: readonly DeliveryPlan[], now: number) => {
      if (statements.insertEvent.run(key, event.boardId, now).changes === 0) return false
      for (const plan of plans) statements.insertDelivery.run(deliveryValues(key, event, plan))
      return true
    })
    this.claimAtomically = db.transaction((now: number, leaseMs: number, limit: number) => {
      const rows = statements.due.all(now, now, limit)
      for (const row of rows) statements.lease.run(now + leaseMs, row.id)
      return rows
    })
  }

  async listChannels(boardId: string): Promise<StoredChannel[]> {
    return this.statements.listChannels.all(boardId).map(toChannel)
  }

  async getChannel(boardId: string, unit: string, kind: ChannelKind): Promise<StoredChannel | undefined> {
    const row = this.statements.getChannel.get(boardId, unit, kind)
    return row && toChannel(row)
  }

  async putChannel(channel: StoredChannel): Promise<void> {
    this.statements.putChannel.run(channelValues(channel))
  }

  async deleteChannel(boardId: string, unit: string, kind: ChannelKind): Promise<boolean> {
    return this.statements.deleteChannel.run(boardId, unit, kind).changes > 0
  }

  async boardsWithChannels(): Promise<string[]> {
    return this.statements.boards.all().map((row) => row.board_id)
  }

  async enqueue(key: string, event: ReminderEvent, plans: readonly DeliveryPlan[], now: number): Promise<boolean> {
    return this.enqueueAtomically(key, event, plans, now)
  }

  async claimDue(now: number, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
    return this.claimAtomically(now, leaseMs, limit).map(toClaimed)
  }

  async finish(id: number, outcome: DeliveryOutcome): Promise<void> {
    this.statements.finish.run(outcome.status, outcome.attempts, outcome.notBefore, id)
  }

  async appendLog(row: DeliveryLogRow): Promise<void> {
    this.statements.appendLog.run({ ...logValues(row), ok: row.ok ? 1 : 0 })
  }

  async listLog(boardId: string, limit: number): Promise<DeliveryLogRow[]> {
    return this.statements.listLog.all(boardId, limit).map(toLogRow)
  }
}

export function channelValues(channel: StoredChannel): ChannelRow {
  return {
    board_id: channel.boardId,
    unit: channel.unit,
    kind: channel.kind,
    target: channel.target,
    secret: channel.secret,
    mode: channel.mode,
    updated_at: channel.updatedAt,
    updated_by_label: channel.updatedByLabel,
  }
}

export function toChannel(row: ChannelRow): StoredChannel {
  return {
    boardId: row.board_id,
    unit: row.unit,
    kind: row.kind as ChannelKind,
    target: row.target,
    secret: row.secret,
    mode: row.mode as DeliveryMode,
    updatedAt: row.updated_at,
    updatedByLabel: row.updated_by_label,
  }
}

export function deliveryValues(key: string, event: ReminderEvent, plan: DeliveryPlan) {
  return {
    event_key: key,
    board_id: event.boardId,
    unit: event.unit,
    kind: plan.kind,
    mode: plan.mode,
    payload: JSON.stringify(event),
    not_before: plan.notBefore,
  }
}

export function toClaimed(row: DeliveryRow): ClaimedDelivery {
  return {
    id: Number(row.id),
    boardId: row.board_id,
    unit: row.unit,
    kind: row.kind as ChannelKind,
    mode: row.mode as DeliveryMode,
    // Written by this server from a typed event; never from a client.
    event: JSON.parse(row.payload) as ReminderEvent,
    attempts: Number(row.attempts),
  }
}

export function logValues(row: DeliveryLogRow) {
  return {
    board_id: row.boardId,
    unit: row.unit,
    kind: row.kind,
    at: row.at,
    subject: row.subject,
    ok: row.ok,
    answer: row.answer,
    attempt: row.attempt,
    status: row.status,
  }
}

export function toLogRow(row: LogRow): DeliveryLogRow {
  return {
    boardId: row.board_id,
    unit: row.unit,
    kind: row.kind as ChannelKind,
    at: row.at,
    subject: row.subject,
    ok: row.ok === true || row.ok === 1,
    answer: row.answer,
    attempt: Number(row.attempt),
    status: row.status as DeliveryStatus,
  }
}
