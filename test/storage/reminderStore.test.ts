import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { openPostgresPool } from '@guatu/server/storage/postgresDatabase'
import { PostgresReminderStore } from '@guatu/server/storage/postgresReminderStore'
import { openSqliteDatabase } from '@guatu/server/storage/sqliteDatabase'
import { SqliteReminderStore } from '@guatu/server/storage/sqliteReminderStore'
import { createTestDatabase } from '../helpers/postgres.ts'
import { describeReminderStoreContract } from './reminderStoreContract.ts'

describeReminderStoreContract('SQLite', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-reminders-'))
  const dbs: Array<{ close(): void }> = []
  return {
    open: async () => {
      const db = openSqliteDatabase(dataDir)
      dbs.push(db)
      return new SqliteReminderStore(db)
    },
    dispose: async () => {
      for (const db of dbs) db.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
})

describeReminderStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase()
  const pools: Array<{ end(): Promise<void> }> = []
  return {
    open: async () => {
      const pool = await openPostgresPool(database.url)
      pools.push(pool)
      return new PostgresReminderStore(pool)
    },
    dispose: async () => {
      for (const pool of pools) await pool.end().catch(() => undefined)
      await database.drop()
    },
  }
})
