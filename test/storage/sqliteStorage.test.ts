import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openSqliteDatabase } from '@guatu/server/storage/sqliteDatabase'
import { SqliteAccountStore } from '@guatu/server/storage/sqliteAccountStore'
import { SqliteStorage } from '@guatu/server/storage/sqliteStorage'
import { describeAccountStoreContract } from './accountStoreContract.ts'
import { describeStorageContract } from './storageContract.ts'

describeStorageContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-sqlite-'))
  return {
    open: async () => new SqliteStorage(openSqliteDatabase(dir)),
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  }
})

describeAccountStoreContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-sqlite-accounts-'))
  return {
    open: async () => {
      const db = openSqliteDatabase(dir)
      return { accounts: new SqliteAccountStore(db), boards: new SqliteStorage(db) }
    },
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  }
})
