import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openPostgresPool } from '@guatu/server/storage/postgresDatabase'
import { PostgresBoundaryStore } from '@guatu/server/storage/postgresBoundaryStore'
import { PostgresStorage } from '@guatu/server/storage/postgresStorage'
import { openSqliteDatabase } from '@guatu/server/storage/sqliteDatabase'
import { SqliteBoundaryStore } from '@guatu/server/storage/sqliteBoundaryStore'
import { SqliteStorage } from '@guatu/server/storage/sqliteStorage'
import { createTestDatabase } from '../helpers/postgres.ts'
import { describeBoundaryStoreContract } from './boundaryStoreContract.ts'

describeBoundaryStoreContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-sqlite-boundaries-'))
  return {
    open: async () => {
      const db = openSqliteDatabase(dir)
      const boards = new SqliteStorage(db)
      return { boards, boundaries: new SqliteBoundaryStore(db), close: () => boards.close() }
    },
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  }
})

describeBoundaryStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase()
  return {
    open: async () => {
      const pool = await openPostgresPool(database.url)
      const boards = new PostgresStorage(pool)
      return { boards, boundaries: new PostgresBoundaryStore(pool), close: () => boards.close() }
    },
    dispose: () => database.drop(),
  }
})
