/**
 * Every transaction on a board document carries one of these origins; persistence, broadcast and
 * audit decide from it what to do with the resulting update.
 */
export type TransactionOrigin =
  | { source: 'connection'; connectionId: number }
  /** Loading stored state: already durable, never persisted again or broadcast. */
  | { source: 'storage' }
  /** A change the server makes itself (e.g. seeding demo data). */
  | { source: 'server' }
  /**
   * Another server process accepted this change (validated there) and stored it; it arrived over
   * the fan-out or was read back from storage to catch up. Never validated or persisted again,
   * only broadcast to this process's connections.
   */
  | { source: 'remote' }

export const STORAGE_ORIGIN: TransactionOrigin = { source: 'storage' }
export const REMOTE_ORIGIN: TransactionOrigin = { source: 'remote' }
export const SERVER_ORIGIN: TransactionOrigin = { source: 'server' }

export function isTransactionOrigin(value: unknown): value is TransactionOrigin {
  return typeof value === 'object' && value !== null && 'source' in value
}
