import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { migrateSqliteDatabase, openSqliteDatabase, openSqliteFile } from '@guatu/server/storage/sqliteDatabase'
import { SqliteAccountStore } from '@guatu/server/storage/sqliteAccountStore'
import { SqliteSsoStore } from '@guatu/server/storage/sqliteSsoStore'
import { SqliteStorage } from '@guatu/server/storage/sqliteStorage'
import { captureUpdate } from '../helpers/rawSocket.ts'
import { describeAccountStoreContract } from './accountStoreContract.ts'
import { describeSsoStoreContract } from './ssoStoreContract.ts'
import { describeStorageContract, type StorageHarness } from './storageContract.ts'
import { describeHistoryContract } from './historyContract.ts'

async function sqliteHarness(): Promise<StorageHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-sqlite-'))
  return {
    open: async (now) => new SqliteStorage(openSqliteDatabase(dir), now),
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}

describeStorageContract('SQLite', sqliteHarness)
describeHistoryContract('SQLite', sqliteHarness)

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

describeSsoStoreContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-sqlite-sso-'))
  return {
    open: async () => {
      const db = openSqliteDatabase(dir)
      return { accounts: new SqliteAccountStore(db), sso: new SqliteSsoStore(db), close: async () => void db.close() }
    },
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  }
})

describe('SQLite schema migration', () => {
  it('a database written before the leaner update log keeps its updates and history, and numbering continues after them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-sqlite-migration-'))
    try {
      // The schema as it was before migration 5: one global AUTOINCREMENT sequence for every board.
      const old = openSqliteFile(dir)
      migrateSqliteDatabase(old, 4)
      const writers = { b1: new Y.Doc(), b2: new Y.Doc() }
      for (const id of ['b1', 'b2']) old.prepare("INSERT INTO boards (id, name, year, created_at) VALUES (?, ?, 2025, '2025-01-01')").run(id, id)
      for (let i = 0; i < 3; i++) {
        for (const id of ['b1', 'b2'] as const) {
          old.prepare('INSERT INTO board_updates (board_id, data) VALUES (?, ?)').run(
            id,
            captureUpdate(writers[id], () => writers[id].getMap('meta').set(`k${i}`, `${id}-${i}`)),
          )
        }
      }
      old
        .prepare(
          "INSERT INTO audit_log (board_id, project_id, at, actor_id, actor_label, action, field, old_value, new_value) VALUES ('b1', 'p_old', '2025-01-02', 'u1', '项目办', 'move', 'stage', '\"planning\"', '\"signed\"')",
        )
        .run()
      old.close()

      const storage = new SqliteStorage(openSqliteDatabase(dir))
      const state = await storage.loadBoardState('b1')
      expect(state.lastSeq).toBe(5)
      const replayed = new Y.Doc()
      for (const update of state.updates) Y.applyUpdate(replayed, update)
      expect(replayed.getMap('meta').toJSON()).toEqual({ k0: 'b1-0', k1: 'b1-1', k2: 'b1-2' })

      const next = captureUpdate(writers.b1, () => writers.b1.getMap('meta').set('k3', 'b1-3'))
      const audit = [
        {
          projectId: 'p_new',
          recordId: null,
          action: 'edit' as const,
          field: 'owner',
          from: null,
          to: '沈梅',
          at: '2025-01-03',
          actorId: 'u1',
          actorLabel: '项目办',
        },
      ]
      const seqs = await storage.appendUpdates([{ boardId: 'b1', update: next, audit }])
      expect(seqs.get('b1')).toEqual({ previousSeq: 5, lastSeq: 6 })
      expect((await storage.loadBoardState('b1', 5)).updates).toEqual([next])
      expect((await storage.loadBoardState('b2')).updates).toHaveLength(3)
      const history = await storage.listHistory('b1', { limit: 10 })
      expect(history.map((entry) => entry.projectId)).toEqual(['p_new', 'p_old'])
      expect(history[0]!.id).toBeGreaterThan(history[1]!.id)
      await storage.close()
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
