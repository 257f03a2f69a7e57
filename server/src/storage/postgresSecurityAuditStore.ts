import type pg from 'pg'
import type { SecurityEvent, SecurityEventType } from '@guatu/shared/domain/securityEvent'
import { GENESIS_ANCHOR, chainEntry, type ChainAnchor, type NewSecurityEvent } from '../securityAudit/chain.ts'
import type { SecurityAuditStore } from '../securityAudit/securityAuditStore.ts'
import { inTransaction } from './postgresDatabase.ts'
import { SECURITY_AUDIT_COLUMNS, securityAuditValues, toSecurityEvent, type SecurityAuditRow } from './securityAuditRows.ts'

/**
 * Any constant: the transaction-scoped advisory lock that serializes appends (and pruning) of every
 * process on this database. Without it two processes could read the same last entry and both chain
 * onto it; the primary key on seq would then fail one of them rather than fork, but the lock makes
 * the second wait instead of fail.
 */
const SECURITY_AUDIT_LOCK_KEY = 7_261_905_340

const PLACEHOLDERS = Array.from({ length: 10 }, (_, i) => `$${i + 1}`).join(', ')

/** The security audit log in PostgreSQL, shared by every server process. */
export class PostgresSecurityAuditStore implements SecurityAuditStore {
  constructor(private readonly pool: pg.Pool) {}

  append(entry: NewSecurityEvent): Promise<SecurityEvent> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SECURITY_AUDIT_LOCK_KEY])
      const { rows } = await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM security_audit ORDER BY seq DESC LIMIT 1')
      const previous = rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : await anchorOf(client)
      const chained = chainEntry(entry, previous)
      await client.query(`INSERT INTO security_audit (${SECURITY_AUDIT_COLUMNS}) VALUES (${PLACEHOLDERS})`, securityAuditValues(chained))
      return chained
    })
  }

  async read(afterSeq: number, limit: number): Promise<SecurityEvent[]> {
    const { rows } = await this.pool.query<SecurityAuditRow>(`SELECT ${SECURITY_AUDIT_COLUMNS} FROM security_audit WHERE seq > $1 ORDER BY seq LIMIT $2`, [
      afterSeq,
      limit,
    ])
    return rows.map(toSecurityEvent)
  }

  anchor(): Promise<ChainAnchor> {
    return anchorOf(this.pool)
  }

  prune(beforeIso: string): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SECURITY_AUDIT_LOCK_KEY])
      const { rows } = await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM security_audit WHERE at < $1 ORDER BY seq DESC LIMIT 1', [
        beforeIso,
      ])
      const last = rows[0]
      if (!last) return 0
      await client.query(
        `INSERT INTO security_audit_anchor (id, seq, hash) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`,
        [last.seq, last.hash],
      )
      const deleted = await client.query('DELETE FROM security_audit WHERE seq <= $1', [last.seq])
      return deleted.rowCount ?? 0
    })
  }

  async count(type: SecurityEventType, target: string, afterIso: string): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>('SELECT COUNT(*) AS count FROM security_audit WHERE type = $1 AND target = $2 AND at > $3', [
      type,
      target,
      afterIso,
    ])
    return Number(rows[0]?.count ?? 0)
  }
}

async function anchorOf(db: pg.Pool | pg.PoolClient): Promise<ChainAnchor> {
  const { rows } = await db.query<{ seq: string; hash: string }>('SELECT seq, hash FROM security_audit_anchor WHERE id = 1')
  return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : GENESIS_ANCHOR
}
