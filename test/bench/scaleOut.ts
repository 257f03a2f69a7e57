/**
 * The scale-out scenario of `pnpm bench`: one or three server processes on PostgreSQL and a private
 * Redis, movers spread over them, each move timed until every client on every process holds it.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { moveProject } from '@guatu/shared/board/projectCommands'
import { columnOrder } from '@guatu/shared/board/projectQueries'
import { generateDemoLedger } from '@guatu/shared/demo/generateLedger'
import { createPrng } from '@guatu/shared/demo/prng'
import { demoProjectId, seedBoardDoc } from '@guatu/shared/demo/seedBoard'
import type { ProjectId } from '@guatu/shared/domain/project'
import { STAGES, type Stage } from '@guatu/shared/domain/stage'
import { TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/credentials.ts'
import { createTestDatabase } from '../helpers/postgres.ts'
import { RedisServer } from '../helpers/redisServer.ts'
import { ServerProcess } from '../helpers/serverProcess.ts'
import { waitForEvent } from '../helpers/wait.ts'
import { benchClient, type BenchClient } from './benchClient.ts'
import { formatMs, median, percentile } from './stats.ts'

export interface ScaleOutSizes {
  /** Clients that move cards, all at once, spread evenly over the processes. */
  movers: number
  movesPerMover: number
}

const PROJECTS = 160
// Every y-websocket provider adds a process 'exit' listener; a dozen clients are not a leak.
process.setMaxListeners(Math.max(process.getMaxListeners(), 64))

/** Moves per second and latency until every client has a move, for `processes` processes. */
export async function scaleOutThroughput(processes: number, sizes: ScaleOutSizes): Promise<{ name: string; values: Record<string, string> }> {
  const redis = await RedisServer.start()
  const database = await createTestDatabase()
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-bench-scale-'))
  const servers: ServerProcess[] = []
  const clients: BenchClient[] = []
  try {
    for (let i = 0; i < processes; i++) {
      const server = new ServerProcess(
        dataDir,
        {
          GUATU_DEMO: '0',
          GUATU_LOG_LEVEL: 'warn',
          GUATU_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
          GUATU_MAX_CONNECTIONS_PER_USER: '10000',
          GUATU_DATABASE_URL: database.url,
          GUATU_REDIS_URL: redis.url,
        },
        { username: TEST_ADMIN_USERNAME, password: TEST_ADMIN_PASSWORD },
      )
      await server.launch(0)
      servers.push(server)
    }
    const first = servers[0]!
    const response = await fetch(`${first.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${first.adminToken}` },
      body: JSON.stringify({ name: `扩展基准 ${processes}`, year: 2022 }),
    })
    const { board } = (await response.json()) as { board: { id: string } }
    const seeder = benchClient(first.wsUrl, board.id, first.adminToken)
    clients.push(seeder)
    await seeder.synced
    seedBoardDoc(seeder.doc, generateDemoLedger({ count: PROJECTS }), { idForIndex: demoProjectId })

    for (let i = 0; i < sizes.movers; i++) {
      const server = servers[i % servers.length]!
      clients.push(benchClient(server.wsUrl, board.id, server.adminToken))
    }
    await Promise.all(clients.map((client) => client.synced))
    await Promise.all(clients.map((client) => holds(client, () => columnsHold(client, PROJECTS))))
    const movers = clients.slice(1)

    // Each mover owns its own cards, so no concurrent move overwrites another's before it is seen.
    const samples: number[] = []
    const started = performance.now()
    await Promise.all(
      movers.map(async (mover, index) => {
        const prng = createPrng(100 + index)
        const own = Array.from({ length: PROJECTS }, (_, id) => id).filter((id) => id % movers.length === index)
        for (let i = 0; i < sizes.movesPerMover; i++) {
          const id = demoProjectId(prng.pick(own))
          const current = STAGES.find((candidate) => columnOrder(mover.doc, candidate).some((card) => card.id === id))
          const stage = prng.pick(STAGES.filter((candidate) => candidate !== current))
          const moveStarted = performance.now()
          moveProject(mover.doc, id, { stage })
          const rank = columnOrder(mover.doc, stage).find((card) => card.id === id)?.rank
          await Promise.all(clients.map((client) => holds(client, () => hasCard(client, id, stage, rank))))
          samples.push(performance.now() - moveStarted)
        }
      }),
    )
    const elapsedSeconds = (performance.now() - started) / 1000
    return {
      name: `scale-out: ${processes} process${processes === 1 ? '' : 'es'} on PostgreSQL + Redis, ${sizes.movers} clients moving at once`,
      values: {
        'moves/s': (samples.length / elapsedSeconds).toFixed(0),
        'p50 ms': formatMs(median(samples)),
        'p99 ms': formatMs(percentile(samples, 99)),
        moves: String(samples.length),
      },
    }
  } finally {
    for (const client of clients) client.provider.destroy()
    for (const server of servers) await server.shutdownQuietly()
    await redis.kill()
    await database.drop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

function hasCard(client: BenchClient, id: ProjectId, stage: Stage, rank: string | undefined): boolean {
  return columnOrder(client.doc, stage).some((card) => card.id === id && card.rank === rank)
}

function columnsHold(client: BenchClient, count: number): boolean {
  return STAGES.reduce((sum, stage) => sum + columnOrder(client.doc, stage).length, 0) === count
}

/** Far above any move's latency measured here; only a lost move takes longer. */
const HOLD_TIMEOUT_MS = 30_000

/** Resolves once `check` holds for the client's document, re-checking after each update; fails after a timeout rather than hang. */
async function holds(client: BenchClient, check: () => boolean): Promise<void> {
  if (check()) return
  await waitForEvent<void>(
    (listener) => {
      const onUpdate = () => listener()
      client.doc.on('update', onUpdate)
      return () => client.doc.off('update', onUpdate)
    },
    check,
    { timeoutMs: HOLD_TIMEOUT_MS, message: 'scale-out: a client to get a change' },
  )
}
