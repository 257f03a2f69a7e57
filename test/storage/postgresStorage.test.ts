import { afterEach, describe, expect, it } from 'vitest'
import pg from 'pg'
import * as Y from 'yjs'
import { encodeSnapshot } from '@guatu/server/storage/boardStorage'
import { openPostgresPool } from '@guatu/server/storage/postgresDatabase'
import { PostgresStorage } from '@guatu/server/storage/postgresStorage'
import { PostgresAccountStore } from '@guatu/server/storage/postgresAccountStore'
import { PostgresSsoStore } from '@guatu/server/storage/postgresSsoStore'
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts'
import { describeAccountStoreContract } from './accountStoreContract.ts'
import { describeSsoStoreContract } from './ssoStoreContract.ts'
import { describeStorageContract } from './storageContract.ts'
import { describeHistoryContract } from './historyContract.ts'

/** Each contract test gets its own fresh database, dropped afterwards. */
async function postgresHarness<T extends { close(): Promise<void> }>(open: (pool: pg.Pool, now?: () => number) => T) {
  const database = await createTestDatabase()
  const opened: T[] = []
  return {
    open: async (now?: () => number) => {
      const store = open(await openPostgresPool(database.url), now)
      opened.push(store)
      return store
    },
    dispose: async () => {
      for (const store of opened) await store.close().catch(() => undefined)
      await database.drop()
    },
  }
}

describeStorageContract('PostgreSQL', () => postgresHarness((pool, now) => new PostgresStorage(pool, now)))
describeHistoryContract('PostgreSQL', () => postgresHarness((pool, now) => new PostgresStorage(pool, now)))

describeAccountStoreContract('PostgreSQL', async () => {
  const harness = await postgresHarness((pool) => ({ pool, close: () => pool.end() }))
  return {
    open: async () => {
      const { pool } = await harness.open()
      // Screen links refer to boards: the account contract creates them through the board storage.
      return { accounts: new PostgresAccountStore(pool), boards: new PostgresStorage(pool) }
    },
    dispose: harness.dispose,
  }
})

describeSsoStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase()
  const pools: pg.Pool[] = []
  return {
    open: async () => {
      const pool = await openPostgresPool(database.url)
      pools.push(pool)
      return { accounts: new PostgresAccountStore(pool), sso: new PostgresSsoStore(pool), close: () => pool.end() }
    },
    dispose: async () => {
      for (const pool of pools) await pool.end().catch(() => undefined)
      await database.drop()
    },
  }
})

describe('PostgreSQL storage shared by several processes', () => {
  let database: TestDatabase | undefined
  const pools: pg.Pool[] = []
  afterEach(async () => {
    for (const pool of pools.splice(0)) await pool.end().catch(() => undefined)
    await database?.drop()
  })

  async function openTwo(): Promise<[PostgresStorage, PostgresStorage, pg.Pool]> {
    database = await createTestDatabase()
    const [one, two] = await Promise.all([openPostgresPool(database.url), openPostgresPool(database.url)])
    pools.push(one, two)
    return [new PostgresStorage(one), new PostgresStorage(two), one]
  }

  it('two processes migrating at the same time end with one schema', async () => {
    const [first] = await openTwo()
    expect(await first.listBoards()).toEqual([])
  })

  it('concurrent appends of two processes to one board form one unbroken chain of batches', async () => {
    const [a, b] = await openTwo()
    await a.createBoard({ id: 'b1', name: '并发', year: 2025, projectCount: 0 })
    const docs = [new Y.Doc(), new Y.Doc()]
    const writes = Array.from({ length: 40 }, (_, i) => {
      const doc = docs[i % 2]!
      doc.getMap('projects').set(`k${i}`, i)
      const update = Y.encodeStateAsUpdate(doc)
      return (i % 2 === 0 ? a : b).appendUpdates([{ boardId: 'b1', update, audit: [] }])
    })
    const ranges = (await Promise.all(writes)).map((result) => result.get('b1')!).sort((x, y) => x.previousSeq - y.previousSeq)
    // Each batch starts exactly where another ended: a process that applied up to previousSeq
    // misses nothing by applying this batch.
    expect(ranges[0]!.previousSeq).toBe(0)
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.previousSeq).toBe(ranges[i - 1]!.lastSeq)
    expect((await b.loadBoardState('b1')).lastSeq).toBe(ranges.at(-1)!.lastSeq)
  })

  it('a process that finds another compacting the board skips, and compacts once the lock is free', async () => {
    const [storage, , pool] = await openTwo()
    await storage.createBoard({ id: 'b1', name: '压缩', year: 2025, projectCount: 0 })
    const writer = new Y.Doc()
    writer.getMap('projects').set('a', 1)
    const { lastSeq } = (await storage.appendUpdates([{ boardId: 'b1', update: Y.encodeStateAsUpdate(writer), audit: [] }])).get('b1')!

    const holder = await pool.connect()
    try {
      await holder.query('BEGIN')
      await holder.query("SELECT pg_advisory_xact_lock($1, hashtext('b1'))", [0x6775_6174])
      await storage.compactBoard('b1', encodeSnapshot(writer), lastSeq, 1)
      expect((await storage.loadBoardState('b1')).snapshot).toBeNull()
      await holder.query('COMMIT')
    } finally {
      holder.release()
    }
    await storage.compactBoard('b1', encodeSnapshot(writer), lastSeq, 1)
    const state = await storage.loadBoardState('b1')
    expect(state.snapshot).not.toBeNull()
    expect(state.updates).toHaveLength(0)
    expect((await storage.getBoard('b1'))?.projectCount).toBe(1)
  })
})
