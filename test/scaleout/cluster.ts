import * as Y from 'yjs'
import { moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { columnOrder, listProjects } from '@guatu/shared/board/projectQueries'
import type { WanAmount } from '@guatu/shared/domain/money'
import { isRankKey } from '@guatu/shared/domain/rank'
import { STAGES } from '@guatu/shared/domain/stage'
import { projectsSnapshot, stateVectorKey } from '../helpers/board.ts'
import { deferCleanup } from '../helpers/cleanup.ts'
import type { TestClient } from '../helpers/client.ts'
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts'
import type { Rng } from '../helpers/prng.ts'
import { RedisServer } from '../helpers/redisServer.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { waitFor, yieldToEventLoop } from '../helpers/wait.ts'

export interface Cluster {
  redis: RedisServer
  database: TestDatabase
  servers: TestServer[]
}

/**
 * Starts a private redis-server, a fresh PostgreSQL database and `count` server processes on
 * them (one after the other: the first creates the admin). Everything is removed after the file
 * (from beforeAll) or the test.
 */
export async function startCluster(count: number, env: Record<string, string> = {}): Promise<Cluster> {
  const redis = await RedisServer.start()
  deferCleanup(() => redis.kill())
  const database = await createTestDatabase()
  // Registered before the servers: cleanups run in reverse, so the servers stop first.
  deferCleanup(() => database.drop())
  const servers: TestServer[] = []
  for (let i = 0; i < count; i++) {
    servers.push(await startServer({ env: { GUATU_DATABASE_URL: database.url, GUATU_REDIS_URL: redis.url, GUATU_LOG_LEVEL: 'warn', ...env } }))
  }
  return { redis, database, servers }
}

/** Points a client at another process; the provider reconnects there by itself when its socket closes. */
export function moveClientTo(client: TestClient, server: TestServer): void {
  client.provider.serverUrl = server.wsUrl
}

export interface EditStats {
  stageChanges: number
  reorders: number
  edits: number
}

/**
 * `operations` random moves (between and within columns) and edits on random clients, letting
 * socket traffic interleave every few steps, so several processes accept concurrent changes to
 * the same cards.
 */
export async function randomEdits(clients: readonly TestClient[], rng: Rng, operations: number, stats: EditStats): Promise<void> {
  for (let op = 0; op < operations; op++) {
    const doc = rng.pick(clients).doc
    const projects = listProjects(doc)
    if (projects.length === 0) continue
    const project = rng.pick(projects)
    if (rng.next() < 0.75) {
      const stage = rng.chance(0.6) ? rng.pick(STAGES.filter((s) => s !== project.stage)) : project.stage
      const column = columnOrder(doc, stage).filter((card) => card.id !== project.id)
      if (column.some((card) => !isRankKey(card.rank))) continue
      const neighbour = column.length > 0 && rng.chance(0.7) ? rng.pick(column) : undefined
      moveProject(doc, project.id, neighbour ? (rng.chance(0.5) ? { stage, afterId: neighbour.id } : { stage, beforeId: neighbour.id }) : { stage })
      if (stage === project.stage) stats.reorders++
      else stats.stageChanges++
    } else {
      if (rng.chance(0.5)) updateProject(doc, project.id, { progressNote: `第${op}次更新：完成${rng.int(100)}%` })
      else updateProject(doc, project.id, { completedInvestment: String(rng.int(100_000)) as WanAmount })
      stats.edits++
    }
    if (rng.chance(0.3)) await yieldToEventLoop()
  }
}

/** Waits until every client holds the same changes and shows the same board. */
export async function waitConverged(clients: readonly TestClient[], what: string, timeoutMs = 20_000): Promise<void> {
  await waitFor(
    () => {
      const first = clients[0]!.doc
      return clients.every((client) => stateVectorKey(client.doc) === stateVectorKey(first) && projectsSnapshot(client.doc) === projectsSnapshot(first))
    },
    {
      timeoutMs,
      intervalMs: 50,
      message: `every client to converge (${what})`,
      describe: () =>
        clients
          .map(
            (client, i) =>
              `client ${i} (${client.provider.url.split('?')[0]}, connected ${client.provider.wsconnected}): ${stateVectorKey(client.doc)}` +
              (client.deniedReasons.length > 0 ? ` refused: ${client.deniedReasons.join(' | ')}` : ''),
          )
          .join('\n'),
    },
  )
}

/** Changes (client id → clock) `held` has that `doc` lacks; empty when `doc` contains everything in `held`. */
export function missingFrom(doc: Y.Doc, held: ReadonlyMap<number, number>): string[] {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc))
  return [...held]
    .filter(([clientId, clock]) => (have.get(clientId) ?? 0) < clock)
    .map(([clientId, clock]) => `${clientId}: ${have.get(clientId) ?? 0} < ${clock}`)
}
