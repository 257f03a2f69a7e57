import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { CatchUpReason, SyncMetrics } from '../sync/syncMetrics.ts'

export interface MetricSources {
  /** Open websocket connections of this process. */
  connections: () => number
  loadedBoards: () => number
  /** Fan-out hints that could not be published (absent without Redis). */
  publishFailures?: () => number
  /** Sweeps of the reminder scheduler over every board with a channel. */
  reminderSweeps?: () => number
}

/**
 * Prometheus metrics of one process, in the text exposition format at GET /metrics. Rates ("per
 * second") are what Prometheus computes from the counters: `rate(guatu_updates_in_total[1m])`.
 */
export class ServerMetrics implements SyncMetrics {
  readonly registry = new Registry()
  private readonly updatesIn: Counter<'source'>
  private readonly updateMessagesOut: Counter
  private readonly rejected: Counter
  private readonly persistSeconds: Histogram
  private readonly persistFailures: Counter
  private readonly redisLagSeconds: Histogram
  private readonly catchUps: Counter<'reason'>

  constructor(sources: MetricSources) {
    const registers = [this.registry]
    // Event-loop delay sampled every 100 ms: the default 10 ms wakes an idle server 100 times a second.
    collectDefaultMetrics({ register: this.registry, prefix: 'guatu_process_', eventLoopMonitoringPrecision: 100 })
    new Gauge({
      name: 'guatu_connections',
      help: 'Open websocket connections',
      registers,
      collect() {
        this.set(sources.connections())
      },
    })
    new Gauge({
      name: 'guatu_boards_loaded',
      help: 'Boards loaded in memory',
      registers,
      collect() {
        this.set(sources.loadedBoards())
      },
    })
    if (sources.reminderSweeps) {
      const sweeps = sources.reminderSweeps
      new Gauge({
        name: 'guatu_reminder_sweeps',
        help: 'Sweeps of the reminder scheduler over every board with a reminder channel, since start',
        registers,
        collect() {
          this.set(sweeps())
        },
      })
    }
    this.updatesIn = new Counter({
      name: 'guatu_updates_in_total',
      help: 'Document updates applied: source="client" accepted from this process\'s clients and stored, source="remote" stored by another process',
      labelNames: ['source'],
      registers,
    })
    this.updateMessagesOut = new Counter({ name: 'guatu_update_messages_out_total', help: 'Document update messages sent to clients', registers })
    this.rejected = new Counter({ name: 'guatu_updates_rejected_total', help: 'Client updates refused (schema, permissions, missing history)', registers })
    this.persistSeconds = new Histogram({
      name: 'guatu_persist_seconds',
      help: 'Duration of one group commit (all updates of one event-loop turn) until durable',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    })
    this.persistFailures = new Counter({ name: 'guatu_persist_failures_total', help: 'Group commits storage refused', registers })
    this.redisLagSeconds = new Histogram({
      name: 'guatu_redis_lag_seconds',
      help: 'From publication by the accepting process to application here, for updates that took the fast path',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    })
    this.catchUps = new Counter({
      name: 'guatu_catch_ups_total',
      help: "Reads of a board's update log to close a possible gap, by reason",
      labelNames: ['reason'],
      registers,
    })
    if (sources.publishFailures) {
      const read = sources.publishFailures
      new Gauge({
        name: 'guatu_redis_publish_failures',
        help: 'Fan-out hints not published since start (Redis unreachable)',
        registers,
        collect() {
          this.set(read())
        },
      })
    }
  }

  updatesAccepted(count: number): void {
    this.updatesIn.inc({ source: 'client' }, count)
  }

  updateRejected(): void {
    this.rejected.inc()
  }

  remoteApplied(count: number, lagMs: number | undefined): void {
    if (count > 0) this.updatesIn.inc({ source: 'remote' }, count)
    if (lagMs !== undefined) this.redisLagSeconds.observe(Math.max(0, lagMs) / 1000)
  }

  updateMessagesSent(count: number): void {
    if (count > 0) this.updateMessagesOut.inc(count)
  }

  persisted(durationMs: number, _updates: number, failed: boolean): void {
    if (failed) this.persistFailures.inc()
    else this.persistSeconds.observe(durationMs / 1000)
  }

  caughtUp(reason: CatchUpReason): void {
    this.catchUps.inc({ reason })
  }

  /** The text exposition and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() }
  }
}
