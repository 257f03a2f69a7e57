import type { SecurityEvent, SecurityEventType } from '@guatu/shared/domain/securityEvent'
import type { ChainAnchor, NewSecurityEvent } from './chain.ts'

/**
 * The security audit log's storage, one adapter per database. `append` places the entry after the
 * current last one atomically: two processes appending at once must not both chain onto the same
 * predecessor (a fork), so SQLite appends in one transaction and PostgreSQL under a lock.
 */
export interface SecurityAuditStore {
  append(entry: NewSecurityEvent): Promise<SecurityEvent>
  /** Entries after `afterSeq`, in chain order, at most `limit`. */
  read(afterSeq: number, limit: number): Promise<SecurityEvent[]>
  /** Where the kept chain starts (the genesis anchor until something was pruned). */
  anchor(): Promise<ChainAnchor>
  /**
   * Removes the entries older than `beforeIso` and moves the anchor to the last one removed, in one
   * transaction, so the rest still verifies. Returns how many were removed.
   */
  prune(beforeIso: string): Promise<number>
  /** How many entries of `type` about `target` came after `afterIso`: failed sign-ins since the last login. */
  count(type: SecurityEventType, target: string, afterIso: string): Promise<number>
}
