import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openPostgresPool } from '@guatu/server/storage/postgresDatabase'
import { PostgresStorage } from '@guatu/server/storage/postgresStorage'
import { PostgresTileServiceStore } from '@guatu/server/storage/postgresTileServiceStore'
import { openSqliteDatabase } from '@guatu/server/storage/sqliteDatabase'
import { SqliteStorage } from '@guatu/server/storage/sqliteStorage'
import { SqliteTileServiceStore } from '@guatu/server/storage/sqliteTileServiceStore'
import { createTestDatabase } from '../helpers/postgres.ts'
import { describeTileServiceStoreContract } from './tileServiceStoreContract.ts'

describeTileServiceStoreContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-sqlite-tiles-'))
  return {
    open: async () => {
      const db = openSqliteDatabase(dir)
      const boards = new SqliteStorage(db)
      return { boards, tileServices: new SqliteTileServiceStore(db), close: () => boards.close() }
    },
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  }
})

describeTileServiceStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase()
  return {
    open: async () => {
      const pool = await openPostgresPool(database.url)
      const boards = new PostgresStorage(pool)
      return { boards, tileServices: new PostgresTileServiceStore(pool), close: () => boards.close() }
    },
    dispose: () => database.drop(),
  }
})
