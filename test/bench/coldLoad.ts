/**
 * Cold load: a 2,000-project board with a long history, synced by the first client after a server
 * start. Guatu's history is written straight into its update log (as that many accepted updates
 * would leave it; pushing 100,000 updates through the socket would take minutes of validation
 * before the measurement starts), then compacted by a graceful stop. The references are given the
 * same document: each stores its own compacted form (y-leveldb merges its log every 500 updates,
 * Hocuspocus stores whole-document state), so they have only the "compacted" figure.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { countProjects } from '@guatu/shared/board/projectQueries'
import { generateDemoLedger } from '@guatu/shared/demo/generateLedger'
import { createPrng } from '@guatu/shared/demo/prng'
import { demoProjectId, seedBoardDoc } from '@guatu/shared/demo/seedBoard'
import { STAGES } from '@guatu/shared/domain/stage'
import { openSqliteDatabase } from '@guatu/server/storage/sqliteDatabase'
import { SqliteStorage } from '@guatu/server/storage/sqliteStorage'
import { waitFor, withTimeout } from '../helpers/wait.ts'
import { ServerKind, startServer, type BenchServer } from './benchServers.ts'
import { rssBytes } from './procStats.ts'
import { RawClient } from './rawClient.ts'
import { median } from './stats.ts'

/** One history entry in this many is a move (moves sort a column; the rest are progress notes). */
const MOVE_EVERY = 50
const APPEND_BATCH = 1000
/** Time for a server to finish loading a board after answering its first client, before RSS is read. */
export const DOCUMENT_SETTLE_MS = 1000
/** Far above any load measured here (seconds on the busiest machine); only a server that lost the board takes longer. */
const FIRST_SYNC_TIMEOUT_MS = 60_000

export interface ColdLoadResult {
  uncompacted?: FirstSync
  compacted: FirstSync
  /** A new client on a server that already has the board loaded. */
  warm: FirstSync
  /** Server RSS growth from loading the board, bytes. */
  rssPerBoard: number
}

/** The seed update and `history` updates after it, as one client would have sent them. */
export interface BoardHistory {
  projects: number
  seed: Uint8Array
  updates: Uint8Array[]
  state: Uint8Array
}

export function buildHistory(projects: number, history: number): BoardHistory {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  seedBoardDoc(doc, generateDemoLedger({ count: projects }), { idForIndex: demoProjectId })
  const prng = createPrng(11)
  for (let i = 0; i < history; i++) {
    const id = demoProjectId(prng.int(0, projects - 1))
    if (i % MOVE_EVERY === 0) moveProject(doc, id, { stage: prng.pick(STAGES) })
    else updateProject(doc, id, { progressNote: `第${i}次更新：现场施工推进中` })
  }
  const [seed, ...rest] = updates
  return { projects, seed: seed!, updates: rest, state: Y.encodeStateAsUpdate(doc) }
}

/** Milliseconds from connecting until the whole board had arrived, and until the client had applied it. */
export interface FirstSync {
  receivedMs: number
  appliedMs: number
}

/**
 * Connect until the client's document holds every project. Not just until SyncStep2: the
 * y-websocket reference answers a client before its LevelDB read has finished (with an empty
 * document) and sends the stored state afterwards as an update. "Received" is when the message
 * that completed the board arrived, before the client applied it: what the server takes. The
 * client's own Yjs apply of a large document comes on top, the same for every server.
 */
async function firstSync(server: BenchServer, boardId: string, projects: number): Promise<FirstSync> {
  const started = performance.now()
  const doc = new Y.Doc()
  let receivedAt = Number.NaN
  const complete = new Promise<void>((resolve) => {
    const check = () => {
      if (countProjects(doc) < projects) return
      receivedAt = client.lastMessageAt
      doc.off('update', check)
      resolve()
    }
    doc.on('update', check)
  })
  const client = new RawClient(server.endpoint(boardId), { doc })
  try {
    await withTimeout(
      Promise.all([client.synced, complete]),
      FIRST_SYNC_TIMEOUT_MS,
      () => `${server.kind} did not send the whole board (${countProjects(doc)} of ${projects} projects)`,
    )
  } finally {
    client.close()
  }
  const appliedAt = performance.now()
  return { receivedMs: receivedAt - started, appliedMs: appliedAt - started }
}

/** Reads the board through fresh clients until one gets every project from the server. */
export async function waitUntilServerHolds(server: BenchServer, boardId: string, projects: number): Promise<void> {
  let seen = 0
  const readerHoldsAll = async () => {
    const doc = new Y.Doc()
    const reader = new RawClient(server.endpoint(boardId), { doc })
    try {
      await withTimeout(reader.synced, FIRST_SYNC_TIMEOUT_MS, () => `${server.kind} did not answer a reader`)
    } finally {
      reader.close()
    }
    seen = countProjects(doc)
    return seen >= projects
  }
  await waitFor(readerHoldsAll, {
    timeoutMs: FIRST_SYNC_TIMEOUT_MS,
    intervalMs: 100,
    message: `${server.kind} to hold the whole board`,
    describe: () => `${seen} of ${projects} projects`,
  })
}

async function measureRestarts(server: BenchServer, boardId: string, projects: number, repeats: number, killed = false): Promise<FirstSync> {
  const samples: FirstSync[] = []
  for (let i = 0; i < repeats; i++) {
    await server.restart({ killed })
    samples.push(await firstSync(server, boardId, projects))
  }
  return medianSync(samples)
}

function medianSync(samples: readonly FirstSync[]): FirstSync {
  return { receivedMs: median(samples.map((sample) => sample.receivedMs)), appliedMs: median(samples.map((sample) => sample.appliedMs)) }
}

export async function coldLoad(kind: ServerKind, history: BoardHistory, repeats: number): Promise<ColdLoadResult> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `guatu-bench-load-${kind}-`))
  // No compaction while the uncompacted log is measured; a graceful stop compacts later.
  const server = await startServer(kind, dataDir, kind === ServerKind.guatu ? { GUATU_COMPACT_AFTER_UPDATES: '1000000' } : {})
  try {
    const boardId = await server.createBoard('cold-load')
    let uncompacted: FirstSync | undefined
    if (kind === ServerKind.guatu) {
      await server.stop()
      const storage = new SqliteStorage(openSqliteDatabase(dataDir, 'normal'))
      const all = [history.seed, ...history.updates]
      for (let i = 0; i < all.length; i += APPEND_BATCH) {
        await storage.appendUpdates(all.slice(i, i + APPEND_BATCH).map((update) => ({ boardId, update, audit: [] })))
      }
      await storage.close()
      // Killed between the restarts: a graceful stop would compact the log this measures.
      uncompacted = await measureRestarts(server, boardId, history.projects, repeats, true)
      // A graceful stop compacts every loaded board; the restarts below load one snapshot.
      await server.restart()
    } else {
      const writer = new RawClient(server.endpoint(boardId), { doc: new Y.Doc() })
      await writer.synced
      writer.sendUpdate(history.state)
      // Only once another client reads the whole board back has the server applied it; closing
      // the writer earlier can cut off its large message before the server has it all.
      await waitUntilServerHolds(server, boardId, history.projects)
      writer.close()
      // Hocuspocus stores when the last client leaves; y-leveldb writes as updates arrive.
      await new Promise((resolve) => setTimeout(resolve, 1500))
    }
    const compacted = await measureRestarts(server, boardId, history.projects, repeats)
    await server.restart()
    const rssBefore = rssBytes(server.pid)
    const holder = new RawClient(server.endpoint(boardId), { doc: new Y.Doc() })
    await holder.synced
    // Guatu builds its document just after answering from stored bytes: count it in.
    await new Promise((resolve) => setTimeout(resolve, DOCUMENT_SETTLE_MS))
    const rssPerBoard = rssBytes(server.pid) - rssBefore
    const warm: FirstSync[] = []
    for (let i = 0; i < repeats; i++) warm.push(await firstSync(server, boardId, history.projects))
    holder.close()
    return { uncompacted, compacted, warm: medianSync(warm), rssPerBoard }
  } finally {
    await server.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}
