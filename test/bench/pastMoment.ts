/**
 * 回头看 cost: a board with a year of history, shown as it stood 6 months back. The history is
 * written straight into the SQLite update log with the storage's clock spreading it over the past
 * year (as that many accepted updates would leave it), compacted every COMPACT_EVERY updates under
 * the default policy (a snapshot kept a day, nothing dropped), as the server does. Then a real
 * server answers GET /api/boards/:id?at=… (rebuild from the kept snapshot and the day's updates,
 * then the REST answer) and again (from its cache).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { countProjects } from '@guatu/shared/board/projectQueries'
import { encodeSnapshot } from '@guatu/server/storage/boardStorage'
import { openSqliteDatabase } from '@guatu/server/storage/sqliteDatabase'
import { SqliteStorage } from '@guatu/server/storage/sqliteStorage'
import { TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/credentials.ts'
import { ServerProcess } from '../helpers/serverProcess.ts'
import type { BoardHistory } from './coldLoad.ts'

const YEAR_MS = 365 * 24 * 3600 * 1000
const COMPACT_EVERY = 500

export interface PastMomentFigures {
  /** GET /api/boards/:id?at=(6 months back), first time (rebuilt) and again (cached), ms. */
  firstMs: number
  cachedMs: number
  /** Projects on the board at that moment, as answered. */
  projectsThen: number
  /** Database files (with WAL) against the board's current snapshot, bytes. */
  storageBytes: number
  boardBytes: number
}

export async function pastMomentFigures(history: BoardHistory): Promise<PastMomentFigures> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-bench-past-'))
  try {
    const end = Date.now() - 60_000
    const step = YEAR_MS / (history.updates.length + 1)
    let clock = end - YEAR_MS
    const storage = new SqliteStorage(openSqliteDatabase(dataDir), () => clock)
    const boardId = 'b_past_bench'
    await storage.createBoard({ id: boardId, name: '回头看基准看板', year: new Date(end).getFullYear(), projectCount: 0 })
    const doc = new Y.Doc()
    const appendAndApply = async (update: Uint8Array) => {
      const seqs = await storage.appendUpdates([{ boardId, update, audit: [] }])
      Y.applyUpdate(doc, update)
      return seqs.get(boardId)!.lastSeq
    }
    await appendAndApply(history.seed)
    for (let i = 0; i < history.updates.length; i++) {
      clock += step
      const seq = await appendAndApply(history.updates[i]!)
      if ((i + 1) % COMPACT_EVERY === 0) await storage.compactBoard(boardId, encodeSnapshot(doc), seq, countProjects(doc))
    }
    const boardBytes = Y.encodeStateAsUpdate(doc).byteLength
    await storage.close()
    let storageBytes = 0
    for (const file of ['guatu.sqlite', 'guatu.sqlite-wal'])
      storageBytes += await stat(path.join(dataDir, file)).then(
        (info) => info.size,
        () => 0,
      )

    const server = new ServerProcess(
      dataDir,
      { GUATU_DEMO: '0', GUATU_LOG_LEVEL: 'warn', GUATU_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD },
      { username: TEST_ADMIN_USERNAME, password: TEST_ADMIN_PASSWORD },
    )
    await server.launch(0)
    try {
      const at = new Date(end - YEAR_MS / 2).toISOString()
      const read = async () => {
        const started = performance.now()
        const response = await fetch(`${server.url}/api/boards/${boardId}?at=${encodeURIComponent(at)}`, {
          headers: { authorization: `Bearer ${server.adminToken}` },
        })
        const body = (await response.json()) as { projects?: unknown[]; error?: string }
        if (response.status !== 200) throw new Error(`GET ?at= answered ${response.status}: ${body.error}`)
        return { ms: performance.now() - started, projects: body.projects?.length ?? 0 }
      }
      const first = await read()
      const cached = await read()
      return { firstMs: first.ms, cachedMs: cached.ms, projectsThen: first.projects, storageBytes, boardBytes }
    } finally {
      await server.stop()
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}
