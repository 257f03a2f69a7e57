import type pg from 'pg'
import type { ReminderEvent } from '@guatu/shared/domain/reminderEvent'
import type { ChannelKind } from '@guatu/shared/domain/reminderChannel'
import type { ClaimedDelivery, DeliveryLogRow, DeliveryOutcome, DeliveryPlan, ReminderStore, StoredChannel } from '../reminders/reminderStore.ts'
import { inTransaction } from './postgresDatabase.ts'
import {
  channelValues,
  deliveryValues,
  logValues,
  toChannel,
  toClaimed,
  toLogRow,
  type ChannelRow,
  type DeliveryRow,
  type LogRow,
} from './sqliteReminderStore.ts'

/**
 * Reminder channels, outbox and delivery log in PostgreSQL (tables from postgresDatabase.ts).
 * Every process of a cluster finds the same events and runs a sender: the event key's primary
 * key lets one INSERT win, and FOR UPDATE SKIP LOCKED plus a lease give each delivery to one sender.
 */
export class PostgresReminderStore implements ReminderStore {
  constructor(private readonly pool: pg.Pool) {}

  async listChannels(boardId: string): Promise<StoredChannel[]> {
    const { rows } = await this.pool.query<ChannelRow>('SELECT * FROM reminder_channels WHERE board_id = $1 ORDER BY unit, kind', [boardId])
    return rows.map(toChannel)
  }

  async getChannel(boardId: string, unit: string, kind: ChannelKind): Promise<StoredChannel | undefined> {
    const { rows } = await this.pool.query<ChannelRow>('SELECT * FROM reminder_channels WHERE board_id = $1 AND unit = $2 AND kind = $3', [boardId, unit, kind])
    return rows[0] && toChannel(rows[0])
  }

  async putChannel(channel: StoredChannel): Promise<void> {
    const row = channelValues(channel)
    await this.pool.query(
      `INSERT INTO reminder_channels (board_id, unit, kind, target, secret, mode, updated_at, updated_by_label)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (board_id, unit, kind) DO UPDATE SET target = excluded.target, secret = excluded.secret, mode = excluded.mode,
         updated_at = excluded.updated_at, updated_by_label = excluded.updated_by_label`,
      [row.board_id, row.unit, row.kind, row.target, row.secret, row.mode, row.updated_at, row.updated_by_label],
    )
  }

  async deleteChannel(boardId: string, unit: string, kind: ChannelKind): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM reminder_channels WHERE board_id = $1 AND unit = $2 AND kind = $3', [boardId, unit, kind])
    return (result.rowCount ?? 0) > 0
  }

  async boardsWithChannels(): Promise<string[]> {
    const { rows } = await this.pool.query<{ board_id: string }>('SELECT DISTINCT board_id FROM reminder_channels ORDER BY board_id')
    return rows.map((row) => row.board_id)
  }

  async enqueue(key: string, event: ReminderEvent, plans: readonly DeliveryPlan[], now: number): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const inserted = await client.query(
        'INSERT INTO reminder_events (event_key, board_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (event_key) DO NOTHING',
        [key, event.boardId, now],
      )
      if ((inserted.rowCount ?? 0) === 0) return false
      for (const plan of plans) {
        const row = deliveryValues(key, event, plan)
        await client.query(
          `INSERT INTO reminder_deliveries (event_key, board_id, unit, kind, mode, payload, status, not_before)
           VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7)`,
          [row.event_key, row.board_id, row.unit, row.kind, row.mode, row.payload, row.not_before],
        )
      }
      return true
    })
  }

  async claimDue(now: number, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `UPDATE reminder_deliveries SET lease_until = $2
       WHERE id IN (
         SELECT id FROM reminder_deliveries
         WHERE status = 'pending' AND not_before <= $1 AND lease_until <= $1
         ORDER BY id LIMIT $3
         FOR UPDATE SKIP LOCKED)
       RETURNING id, board_id, unit, kind, mode, payload, attempts`,
      [now, now + leaseMs, limit],
    )
    return rows.map(toClaimed).sort((a, b) => a.id - b.id)
  }

  async finish(id: number, outcome: DeliveryOutcome): Promise<void> {
    await this.pool.query('UPDATE reminder_deliveries SET status = $1, attempts = $2, not_before = $3, lease_until = 0 WHERE id = $4', [
      outcome.status,
      outcome.attempts,
      outcome.notBefore,
      id,
    ])
  }

  async appendLog(row: DeliveryLogRow): Promise<void> {
    const values = logValues(row)
    await this.pool.query(
      `INSERT INTO reminder_delivery_log (board_id, unit, kind, at, subject, ok, answer, attempt, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [values.board_id, values.unit, values.kind, values.at, values.subject, values.ok, values.answer, values.attempt, values.status],
    )
  }

  async listLog(boardId: string, limit: number): Promise<DeliveryLogRow[]> {
    const { rows } = await this.pool.query<LogRow>('SELECT * FROM reminder_delivery_log WHERE board_id = $1 ORDER BY id DESC LIMIT $2', [boardId, limit])
    return rows.map(toLogRow)
  }
}
