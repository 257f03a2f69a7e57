import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SESSION_LIFETIME, checkSession } from '@guatu/server/accounts/sessionLifetime'
import { SecurityEventType } from '@guatu/shared/domain/securityEvent'
import { createLogger } from '@guatu/server/log'
import { SecurityAuditLog } from '@guatu/server/securityAudit/securityAuditLog'
import { openPostgresPool } from '@guatu/server/storage/postgresDatabase'
import { PostgresSecurityAuditStore } from '@guatu/server/storage/postgresSecurityAuditStore'
import { SqliteAccountStore } from '@guatu/server/storage/sqliteAccountStore'
import { migrateSqliteDatabase, openSqliteDatabase, openSqliteFile } from '@guatu/server/storage/sqliteDatabase'
import { SqliteSecurityAuditStore } from '@guatu/server/storage/sqliteSecurityAuditStore'
import type pg from 'pg'
import { createTestDatabase } from '../helpers/postgres.ts'
import { describeSecurityAuditContract } from './securityAuditContract.ts'

describeSecurityAuditContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-sqlite-audit-'))
  const opened: ReturnType<typeof openSqliteDatabase>[] = []
  const tamper = openSqliteDatabase(dir)
  opened.push(tamper)
  return {
    // Another connection to the same file, as a second process (or a CLI) would have.
    open: async () => {
      const db = openSqliteDatabase(dir)
      opened.push(db)
      return new SqliteSecurityAuditStore(db)
    },
    sql: async (text, params = []) => {
      const statement = tamper.prepare(text)
      if (statement.reader) return statement.all(...params) as Record<string, unknown>[]
      statement.run(...params)
      return []
    },
    dispose: async () => {
      for (const db of opened) db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
})

describeSecurityAuditContract('PostgreSQL', async () => {
  const database = await createTestDatabase()
  const pools: pg.Pool[] = []
  const open = async () => {
    const pool = await openPostgresPool(database.url)
    pools.push(pool)
    return pool
  }
  const tamper = await open()
  return {
    open: async () => new PostgresSecurityAuditStore(await open()),
    sql: async (text, params = []) => {
      let n = 0
      const { rows } = await tamper.query(
        text.replace(/\?/g, () => `$${++n}`),
        params,
      )
      return rows as Record<string, unknown>[]
    },
    dispose: async () => {
      for (const pool of pools) await pool.end().catch(() => undefined)
      await database.drop()
    },
  }
})

describe('SQLite migration to the account controls', () => {
  it('keeps existing accounts unforced with their password age from their last change, and ends sessions of unknown start', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-sqlite-controls-'))
    try {
      const old = openSqliteFile(dir)
      migrateSqliteDatabase(old, 6)
      old
        .prepare(
          "INSERT INTO users (id, username, display_name, password_hash, role, units, created_at, updated_at) VALUES ('u1', 'zhou', '周', 'h', 'editor', '[\"工信局\"]', '2025-01-01', '2025-03-01')",
        )
        .run()
      old.prepare("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ('s1', 'u1', ?)").run(Date.now() + 3_600_000)
      old.close()
      const db = openSqliteDatabase(dir)
      const accounts = new SqliteAccountStore(db)
      expect(await accounts.findUser('zhou')).toMatchObject({ mustChangePassword: false, passwordChangedAt: '2025-03-01', lastLogin: null })
      const session = await accounts.findSession('s1')
      expect(session?.createdAt).toBe(0)
      expect(checkSession(session!, DEFAULT_SESSION_LIFETIME, Date.now())).toEqual({ valid: false })
      db.close()
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('security audit retention', () => {
  it('prunes entries past the retention, records the pruning as the next entry, and the rest still verifies', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-sqlite-retention-'))
    const db = openSqliteDatabase(dir)
    try {
      const store = new SqliteSecurityAuditStore(db)
      const now = Date.parse('2026-12-06T00:00:00.000Z')
      const daysAgo = (days: number) => new Date(now - days * 24 * 3600 * 1000).toISOString()
      for (const days of [400, 200, 181, 179, 10]) {
        await store.append({ at: daysAgo(days), type: SecurityEventType.logout, actorId: 'u1', actorLabel: '周', address: '10.0.0.1', target: '', detail: '' })
      }
      const audit = new SecurityAuditLog(store, createLogger('silent'), 180)
      expect(await audit.pruneExpired(now)).toBe(3)
      const kept = await store.read(0, 10)
      expect(kept.map((entry) => entry.type)).toEqual([SecurityEventType.logout, SecurityEventType.logout, SecurityEventType.pruned])
      expect(kept[2]!.detail).toContain('3条')
      expect(await audit.verify()).toMatchObject({ ok: true, checked: 3 })
    } finally {
      db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
