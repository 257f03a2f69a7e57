/**
 * Issue 22, item 6: the resident memory of an idle server holding the demo board, beside the
 * reference servers holding the same board. Three moments per server: started and idle; one client
 * on the board (synced, idle); and after that client left and the server had time to settle (Guatu
 * unloads an idle board after GUATU_IDLE_UNLOAD_MS, 30 s by default; the references keep theirs).
 * The demo board is Guatu's own (GUATU_DEMO=1, as in the quick start); the references get the same
 * generated ledger from a client. Every server is measured after a restart on its stored data, as a
 * server lives (Guatu's first start, which seeds the demo board, is not the steady state).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { countProjects } from '@guatu/shared/board/projectQueries'
import { generateDemoLedger } from '@guatu/shared/demo/generateLedger'
import { seedBoardDoc } from '@guatu/shared/demo/seedBoard'
import { waitFor } from '../helpers/wait.ts'
import { ServerKind, startServer, type BenchServer } from './benchServers.ts'
import { waitUntilServerHolds } from './coldLoad.ts'
import { rssBytes } from './procStats.ts'
import { RawClient } from './rawClient.ts'

export interface IdleFootprint {
  kind: ServerKind
  /** RSS after start, nothing connected, settled. */
  startedBytes: number
  /** RSS with one client synced on the demo board. */
  withClientBytes: number
  /** RSS after the client left and the server settled (Guatu: board unloaded). */
  afterBytes: number
}

const DEMO_BOARD = 'demo'
/** Time for a reference server to store a board after its last client left, before a restart. */
const STORE_AFTER_LEAVE_MS = 3_000

async function settle(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms))
}

async function syncedClient(server: BenchServer, boardId: string, doc = new Y.Doc()): Promise<RawClient> {
  const client = new RawClient(server.endpoint(boardId), { doc })
  await client.synced
  await waitFor(() => countProjects(doc) > 0, { timeoutMs: 60_000, intervalMs: 50, message: `${server.kind} to send the board's projects` })
  return client
}

/** `settleMs`: idle time before each reading; `unloadMs`: Guatu's idle unload for the last one. */
export async function idleFootprint(kind: ServerKind, settleMs: number, unloadMs: number): Promise<IdleFootprint> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `guatu-bench-idle-${kind}-`))
  const env: Record<string, string> = kind === ServerKind.guatu ? { GUATU_DEMO: '1', GUATU_IDLE_UNLOAD_MS: String(unloadMs) } : {}
  const server = await startServer(kind, dataDir, env)
  try {
    let boardId = DEMO_BOARD
    if (kind === ServerKind.guatu) {
      // The first start seeds the demo board (and its map); a server lives on after that, restarted.
      await server.restart()
    } else {
      boardId = await server.createBoard(DEMO_BOARD)
      const doc = new Y.Doc()
      seedBoardDoc(doc, generateDemoLedger())
      const seeder = await syncedClient(server, boardId, doc)
      await waitUntilServerHolds(server, boardId, countProjects(doc))
      seeder.close()
      // Hocuspocus stores when the last client leaves; y-leveldb writes as updates arrive.
      await settle(STORE_AFTER_LEAVE_MS)
      await server.restart()
    }
    await settle(settleMs)
    const startedBytes = rssBytes(server.pid)
    const client = await syncedClient(server, boardId)
    await settle(settleMs)
    const withClientBytes = rssBytes(server.pid)
    client.close()
    await settle(Math.max(settleMs, unloadMs + settleMs))
    return { kind, startedBytes, withClientBytes, afterBytes: rssBytes(server.pid) }
  } finally {
    await server.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}
