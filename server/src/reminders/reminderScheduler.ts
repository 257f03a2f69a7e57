import type * as Y from 'yjs'
import { reminderKey, type ReminderEvent } from '@guatu/shared/domain/reminderEvent'
import { DeliveryMode } from '@guatu/shared/domain/reminderChannel'
import { CHINA_OFFSET_MS } from '@guatu/shared/domain/chinaTime'
import { errorFields, type Logger } from '../log.ts'
import type { ReminderSource } from './reminderSource.ts'
import type { DeliveryPlan, ReminderStore, StoredChannel } from './reminderStore.ts'

const DAY_MS = 24 * 3_600_000

/** A board's current document, read-only for the length of `read` (BoardService.withDoc). */
export type BoardReader = <T>(boardId: string, read: (doc: Y.Doc) => T) => Promise<T | undefined>

export interface SchedulerOptions {
  /** The clock tick: every board with channels is asked again, for deadlines that came closer. */
  scanEveryMs: number
  /** After a change is stored, wait this long for more before asking: a drag or a burst of typing is one scan. */
  changeQuietMs: number
  /** Minutes after midnight, Beijing time, when a 每日汇总 unit's reminders go out. */
  digestAtMinute: number
}

/** The next digest time (Beijing time) at or after `now`. */
export function nextDigestAt(now: number, digestAtMinute: number): number {
  const chinaNow = now + CHINA_OFFSET_MS
  const todayAt = Math.floor(chinaNow / DAY_MS) * DAY_MS + digestAtMinute * 60_000
  return (todayAt >= chinaNow ? todayAt : todayAt + DAY_MS) - CHINA_OFFSET_MS
}

/**
 * Asks every registered ReminderSource what is due, after board changes and on a clock tick, and
 * records what it finds in the outbox for the units that have a channel. Sources keep no memory
 * and every process of a cluster asks: the outbox's unique key drops what is already recorded.
 * A unit without a channel gets nothing recorded, so registering one later does not replay the past.
 */
export class ReminderScheduler {
  private readonly sources: ReminderSource[] = []
  private readonly pendingScans = new Map<string, NodeJS.Timeout>()
  private tick: NodeJS.Timeout | undefined
  private running: Promise<void> = Promise.resolve()
  private stopped = false
  /** Completed sweeps over all boards, for /metrics (and tests that wait for another sweep). */
  sweeps = 0

  constructor(
    private readonly store: ReminderStore,
    private readonly readBoard: BoardReader,
    private readonly options: SchedulerOptions,
    private readonly log: Logger,
    /** Told when new deliveries were recorded, so the sender need not wait for its own tick. */
    private readonly recorded: () => void,
  ) {}

  /** Adds a source: the reporting cycle's (periods, returned proposals) joins here at assembly. */
  register(source: ReminderSource): this {
    this.sources.push(source)
    return this
  }

  start(): void {
    this.tick = setInterval(() => void this.sweep(), this.options.scanEveryMs)
    this.tick.unref()
    void this.sweep()
  }

  /** A change of this board is durable: ask about it once the burst is over. */
  boardChanged(boardId: string): void {
    if (this.stopped || this.pendingScans.has(boardId)) return
    const timer = setTimeout(() => {
      this.pendingScans.delete(boardId)
      void this.serialized(() => this.scanBoard(boardId, new Date()))
    }, this.options.changeQuietMs)
    timer.unref()
    this.pendingScans.set(boardId, timer)
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearInterval(this.tick)
    for (const timer of this.pendingScans.values()) clearTimeout(timer)
    this.pendingScans.clear()
    await this.running
  }

  /** Every board with a channel, now. */
  sweep(): Promise<void> {
    return this.serialized(async () => {
      const now = new Date()
      for (const boardId of await this.store.boardsWithChannels()) {
        if (this.stopped) return
        await this.scanBoard(boardId, now)
      }
      this.sweeps++
    })
  }

  /** One scan at a time in this process: two would only race to insert the same keys. */
  private serialized(work: () => Promise<void>): Promise<void> {
    const next = this.running.then(work).catch((error: unknown) => this.log.error('reminder scan failed', errorFields(error)))
    this.running = next
    return next
  }

  private async scanBoard(boardId: string, now: Date): Promise<void> {
    if (this.stopped) return
    const channels = await this.store.listChannels(boardId)
    if (channels.length === 0) return
    const events = await this.readBoard(boardId, (doc) => this.sources.flatMap((source) => source.remindersDue({ boardId, doc }, now)))
    let added = 0
    for (const event of events ?? []) {
      const plans = plansFor(event, channels, now.getTime(), this.options.digestAtMinute)
      if (plans.length > 0 && (await this.store.enqueue(reminderKey(event), event, plans, now.getTime()))) added++
    }
    if (added > 0) this.recorded()
  }
}

function plansFor(event: ReminderEvent, channels: readonly StoredChannel[], now: number, digestAtMinute: number): DeliveryPlan[] {
  return channels
    .filter((channel) => channel.unit === event.unit)
    .map((channel) => ({
      kind: channel.kind,
      mode: channel.mode,
      notBefore: channel.mode === DeliveryMode.dailyDigest ? nextDigestAt(now, digestAtMinute) : now,
    }))
}
