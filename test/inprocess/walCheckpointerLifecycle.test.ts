import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { createLogger } from '@guatu/server/log'
import { openSqliteDatabase } from '@guatu/server/storage/sqliteDatabase'
import { startWalCheckpointer, type WalCheckpointer } from '@guatu/server/storage/walCheckpointer'
import { waitFor } from '../helpers/wait.ts'

type Database = ReturnType<typeof openSqliteDatabase>

const autocheckpointPages = (db: Database) => db.pragma('wal_autocheckpoint', { simple: true }) as number

describe('background checkpoints run only while the database is written', () => {
  let dir: string | undefined
  let db: Database | undefined
  let checkpointer: WalCheckpointer | undefined

  afterEach(async () => {
    await checkpointer?.stop()
    db?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  test('a write starts the worker, quiet stops it and hands checkpoints back to SQLite, the next write starts it again', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'guatu-checkpointer-'))
    const opened = openSqliteDatabase(dir)
    db = opened
    opened.exec('CREATE TABLE notes (text TEXT)')
    const write = (text: string) => opened.prepare('INSERT INTO notes (text) VALUES (?)').run(text)
    checkpointer = startWalCheckpointer(opened, createLogger('silent'), { everyMs: 50, pollEveryMs: 20, idleStopAfterMs: 300 })
    // Nothing written since it started: SQLite checkpoints as it always does, no worker is running.
    expect(autocheckpointPages(opened)).toBe(1000)

    write('第一次')
    await waitFor(() => autocheckpointPages(opened) === 0, { message: 'the worker took over checkpoints after a write' })
    await waitFor(() => autocheckpointPages(opened) === 1000, { message: 'after the quiet period SQLite checkpoints again (the worker stopped)' })

    write('第二次')
    await waitFor(() => autocheckpointPages(opened) === 0, { message: 'the next write started the worker again' })
  })
})
