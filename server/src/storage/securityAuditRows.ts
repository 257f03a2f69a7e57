import type { SecurityEvent, SecurityEventType } from '@guatu/shared/domain/securityEvent'

/** A security audit row as both databases return it (PostgreSQL gives BIGINT as a string). */
export interface SecurityAuditRow {
  seq: number | string
  at: string
  type: string
  actor_id: string
  actor_label: string
  address: string
  target: string
  detail: string
  prev_hash: string
  hash: string
}

/**
 * An unknown type is kept as read (cast), not dropped: the verifier must see exactly what is
 * stored, and a row edited to an unknown type then fails on its hash.
 */
export function toSecurityEvent(row: SecurityAuditRow): SecurityEvent {
  return {
    seq: Number(row.seq),
    at: row.at,
    type: row.type as SecurityEventType,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    address: row.address,
    target: row.target,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}

export const SECURITY_AUDIT_COLUMNS = 'seq, at, type, actor_id, actor_label, address, target, detail, prev_hash, hash'

export function securityAuditValues(entry: SecurityEvent): unknown[] {
  return [entry.seq, entry.at, entry.type, entry.actorId, entry.actorLabel, entry.address, entry.target, entry.detail, entry.prevHash, entry.hash]
}
