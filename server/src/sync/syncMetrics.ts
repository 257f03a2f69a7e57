/**
 * What the sync layer reports about itself. The ops layer implements it with Prometheus metrics;
 * the sync layer only calls it and does not know where the numbers go.
 */
export interface SyncMetrics {
  /** Updates from this process's clients (or the server itself) that storage confirmed. */
  updatesAccepted(count: number): void
  /** An update refused (schema, permissions, a gap that never closed). */
  updateRejected(): void
  /** Changes of other processes applied here, and how long after their publication (ms; undefined when read from storage). */
  remoteApplied(count: number, lagMs: number | undefined): void
  /** Document update messages sent to this process's clients. */
  updateMessagesSent(count: number): void
  /** One group commit: how long the durable write took and how many updates it held. */
  persisted(durationMs: number, updates: number, failed: boolean): void
  /** A read of the update log to close a gap (or on a timer, or after the fan-out reconnected). */
  caughtUp(reason: CatchUpReason, updates: number): void
}

/** Why a room read the update log of its board. */
export const CatchUpReason = {
  /** A published change did not follow the last one this process applied. */
  gap: 'gap',
  /** A connection joined: the room must hold everything the client may have seen elsewhere. */
  join: 'join',
  /** The periodic safety net. */
  timer: 'timer',
  /** The fan-out connection came back; anything may have been missed meanwhile. */
  reconnect: 'reconnect',
  /** A client update referred to history this process did not have yet. */
  missingHistory: 'missing-history',
} as const
export type CatchUpReason = (typeof CatchUpReason)[keyof typeof CatchUpReason]

export const NO_METRICS: SyncMetrics = {
  updatesAccepted: () => undefined,
  updateRejected: () => undefined,
  remoteApplied: () => undefined,
  updateMessagesSent: () => undefined,
  persisted: () => undefined,
  caughtUp: () => undefined,
}
