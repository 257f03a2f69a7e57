import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openPostgresPool } from '@guatu/server/storage/postgresDatabase'
import { PostgresSecurityAuditStore } from '@guatu/server/storage/postgresSecurityAuditStore'
import { openSqliteDatabase } from '@guatu/server/storage/sqliteDatabase'
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
      const { rows } = await tamper.query(text.replace(/\?/g, () => `$${++n}`), params)
      return rows as Record<string, unknown>[]
    },
    dispose: async () => {
      for (const pool of pools) await pool.end().catch(() => undefined)
      await database.drop()
    },
  }
})
