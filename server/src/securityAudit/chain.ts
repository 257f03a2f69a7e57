import { createHash } from 'node:crypto'
import type { SecurityEvent } from '@guatu/shared/domain/securityEvent'
import type { ChainAnchor, ChainVerdict } from '@guatu/shared/api/securityAudit'

/** The `prevHash` of the very first entry, before anything was ever pruned. */
export const GENESIS_HASH = '0'.repeat(64)

/** Where the kept part of the chain starts: the last pruned entry's position and hash. */
export type { ChainAnchor, ChainVerdict }

export const GENESIS_ANCHOR: ChainAnchor = { seq: 0, hash: GENESIS_HASH }

/** An entry before the store gives it its place in the chain. */
export type NewSecurityEvent = Omit<SecurityEvent, 'seq' | 'prevHash' | 'hash'>

/**
 * The bytes that are hashed: a JSON array in a fixed order, so the same entry always gives the
 * same text whatever the database returns, and the position and the previous hash are covered —
 * moving or removing an entry breaks the link of the one after it.
 */
export function canonicalEntry(entry: Omit<SecurityEvent, 'hash'>): string {
  return JSON.stringify([entry.seq, entry.at, entry.type, entry.actorId, entry.actorLabel, entry.address, entry.target, entry.detail, entry.prevHash])
}

export function entryHash(entry: Omit<SecurityEvent, 'hash'>): string {
  return createHash('sha256').update(canonicalEntry(entry), 'utf8').digest('hex')
}

/** Places `entry` after the one at `previous` (the last entry, or the anchor when none is kept). */
export function chainEntry(entry: NewSecurityEvent, previous: ChainAnchor): SecurityEvent {
  const unsealed = { ...entry, seq: previous.seq + 1, prevHash: previous.hash }
  return { ...unsealed, hash: entryHash(unsealed) }
}

/**
 * Walks the chain from the anchor and reports the first broken link: an entry whose content no
 * longer matches its hash (edited), a gap in the positions (deleted), or an entry that does not
 * follow the one before it (reordered, or inserted). Deleting the newest entries leaves no gap:
 * compare the head with one written down earlier (the export and `audit verify` print it).
 */
export class ChainVerifier {
  private previous: ChainAnchor
  private checked = 0
  private broken: Extract<ChainVerdict, { ok: false }> | undefined

  constructor(anchor: ChainAnchor) {
    this.previous = anchor
  }

  /** Feeds the next entry in `seq` order; returns false once the chain is broken. */
  add(entry: SecurityEvent): boolean {
    if (this.broken) return false
    const expectedSeq = this.previous.seq + 1
    const fail = (problem: string) => {
      this.broken = { ok: false, checked: this.checked, seq: entry.seq, problem }
      return false
    }
    if (entry.seq !== expectedSeq) {
      return fail(entry.seq > expectedSeq ? `第${expectedSeq}条至第${entry.seq - 1}条缺失（被删除）` : `第${entry.seq}条位置错乱`)
    }
    if (entry.prevHash !== this.previous.hash) return fail(`第${entry.seq}条与前一条的链接断开（被删除、插入或调换顺序）`)
    if (entryHash(entry) !== entry.hash) return fail(`第${entry.seq}条内容与其哈希不符（被修改）`)
    this.previous = { seq: entry.seq, hash: entry.hash }
    this.checked++
    return true
  }

  verdict(): ChainVerdict {
    return this.broken ?? { ok: true, checked: this.checked, head: this.previous }
  }
}
