import type Database from 'better-sqlite3'
import type { SecurityEvent, SecurityEventType } from '@guatu/shared/domain/securityEvent'
import { GENESIS_ANCHOR, chainEntry, type ChainAnchor, type NewSecurityEvent } from '../securityAudit/chain.ts'
import type { SecurityAuditStore } from '../securityAudit/securityAuditStore.ts'
import { SECURITY_AUDIT_COLUMNS, securityAuditValues, toSecurityEvent, type SecurityAuditRow } from './securityAuditRows.ts'

/**
 * The security audit log in the embedded database. One process owns the file, and better-sqlite3
 * runs each transaction to its end synchronously, so reading the last hash and inserting the next
 * entry cannot interleave with another append.
 */
export class SqliteSecurityAuditStore implements SecurityAuditStore {
  private readonly statements
  private readonly appendInTransaction
  private readonly pruneInTransaction

  constructor(db: Database.Database) {
    this.statements = {
      last: db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM security_audit ORDER BY seq DESC LIMIT 1'),
      anchor: db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM security_audit_anchor WHERE id = 1'),
      insert: db.prepare(`INSERT INTO security_audit (${SECURITY_AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      read: db.prepare<[number, number], SecurityAuditRow>(`SELECT ${SECURITY_AUDIT_COLUMNS} FROM security_audit WHERE seq > ? ORDER BY seq LIMIT ?`),
      lastBefore: db.prepare<[string], { seq: number; hash: string }>('SELECT seq, hash FROM security_audit WHERE at < ? ORDER BY seq DESC LIMIT 1'),
      setAnchor: db.prepare(
        'INSERT INTO security_audit_anchor (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
      ),
      deleteUpTo: db.prepare('DELETE FROM security_audit WHERE seq <= ?'),
      count: db.prepare<[string, string, string], { count: number }>('SELECT COUNT(*) AS count FROM security_audit WHERE type = ? AND target = ? AND at > ?'),
    }
    this.appendInTransaction = db.transaction((entry: NewSecurityEvent): SecurityEvent => {
      const chained = chainEntry(entry, this.statements.last.get() ?? this.anchorSync())
      this.statements.insert.run(...securityAuditValues(chained))
      return chained
    })
    this.pruneInTransaction = db.transaction((beforeIso: string): number => {
      const last = this.statements.lastBefore.get(beforeIso)
      if (!last) return 0
      this.statements.setAnchor.run(last.seq, last.hash)
      return this.statements.deleteUpTo.run(last.seq).changes
    })
  }

  private anchorSync(): ChainAnchor {
    return this.statements.anchor.get() ?? GENESIS_ANCHOR
  }

  async append(entry: NewSecurityEvent): Promise<SecurityEvent> {
    return this.appendInTransaction.immediate(entry)
  }

  async read(afterSeq: number, limit: number): Promise<SecurityEvent[]> {
    return this.statements.read.all(afterSeq, limit).map(toSecurityEvent)
  }

  async anchor(): Promise<ChainAnchor> {
    return this.anchorSync()
  }

  async prune(beforeIso: string): Promise<number> {
    return this.pruneInTransaction.immediate(beforeIso)
  }

  async count(type: SecurityEventType, target: string, afterIso: string): Promise<number> {
    return this.statements.count.get(type, target, afterIso)?.count ?? 0
  }
}
