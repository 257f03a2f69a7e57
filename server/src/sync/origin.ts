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

export const STORAGE_ORIGIN: TransactionOrigin = { source: 'storage' }
export const SERVER_ORIGIN: TransactionOrigin = { source: 'server' }

export function isTransactionOrigin(value: unknown): value is TransactionOrigin {
  return typeof value === 'object' && value !== null && 'source' in value
}
