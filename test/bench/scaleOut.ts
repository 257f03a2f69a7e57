/**
 * The scale-out scenarios of `pnpm bench`: one or three server processes on PostgreSQL and a private
 * Redis, movers spread over them, each move timed until every client on every process holds it.
 * `scaleOutThroughput`: one board, full y-websocket clients moving at once. `scaleOutSustained`:
 * many boards, thin observers, rising offered rates (the city, issue 22 item 4).
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
import pg from 'pg'
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts'
import { RedisServer } from '../helpers/redisServer.ts'
import { ServerProcess } from '../helpers/serverProcess.ts'
import { waitForEvent } from '../helpers/wait.ts'
import { benchClient, type BenchClient } from './benchClient.ts'
import { runSchedule, seedBoards, watchBoards } from './cityLoad.ts'
import { WireProtocol, type Endpoint } from './rawClient.ts'
import { histogramMeanMs, readMetrics } from './serverMetrics.ts'
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
  const cluster = await startCluster(processes)
  const { servers } = cluster
  const clients: BenchClient[] = []
  try {
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
    await cluster.stop()
  }
}

interface Cluster {
  servers: ServerProcess[]
  redis: RedisServer
  database: TestDatabase
  stop(): Promise<void>
}

/** A private Redis, a fresh database and `processes` Guatu processes on them, each on its own port. */
async function startCluster(processes: number): Promise<Cluster> {
  const redis = await RedisServer.start()
  const database = await createTestDatabase()
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-bench-scale-'))
  const servers: ServerProcess[] = []
  const stop = async () => {
    for (const server of servers) await server.shutdownQuietly()
    await redis.kill()
    await database.drop()
    await rm(dataDir, { recursive: true, force: true })
  }
  try {
    for (let i = 0; i < processes; i++) {
      servers.push(
        new ServerProcess(
          dataDir,
          {
            GUATU_DEMO: '0',
            GUATU_LOG_LEVEL: 'warn',
            GUATU_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
            GUATU_MAX_CONNECTIONS_PER_USER: '10000',
            GUATU_MESSAGES_PER_SECOND: '1000000',
            GUATU_MESSAGE_BURST: '1000000',
            GUATU_DATABASE_URL: database.url,
            GUATU_REDIS_URL: redis.url,
          },
          { username: TEST_ADMIN_USERNAME, password: TEST_ADMIN_PASSWORD },
        ),
      )
    }
    // Started together, as after a deploy: they migrate one after the other under an advisory lock.
    await Promise.all(servers.map((server) => server.launch(0)))
    return { servers, redis, database, stop }
  } catch (error) {
    await stop()
    throw error
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

export interface ScaleOutCitySizes {
  boards: number
  projectsPerBoard: number
  /** Thin observers per board, spread over the processes as a load balancer would. */
  observersPerBoard: number
  /** Offered moves per second over all boards, tried in turn. */
  rates: readonly number[]
  secondsPerStep: number
  /** Moves at the first rate before any step, not counted: V8 optimises a process's hot code only after a while. */
  warmupSeconds: number
}

export const SCALE_OUT_CITY_SIZES = {
  full: { boards: 12, projectsPerBoard: 200, observersPerBoard: 20, rates: [50, 100, 200, 400, 800, 1600], secondsPerStep: 2, warmupSeconds: 3 },
  quick: { boards: 3, projectsPerBoard: 200, observersPerBoard: 6, rates: [100], secondsPerStep: 0.5, warmupSeconds: 0 },
} as const satisfies Record<string, ScaleOutCitySizes>

export const SCALE_OUT_P99_LIMIT_MS = 100

export interface ScaleOutStep {
  rate: number
  p50: number
  p99: number
  /** CPU during the step, cores: each Guatu process, this database's PostgreSQL backends, Redis, the load generator. */
  cores: Record<string, number>
  /** One group commit until durable in PostgreSQL, mean over every process, ms; commits per second. */
  commitMs: number
  commitsPerSecond: number
  /** Publication on Redis until applied on another process (the fast path), mean ms; NaN with one process. */
  redisLagMs: number
  /** Reads of the update log to close a gap (a hint lost or out of order), during the step. */
  catchUps: number
}

/** How many single-row INSERT commits time the database's own commit latency. */
const COMMIT_PROBES = 40

/**
 * The database's bare commit (one single-row INSERT in its own transaction), median ms: the floor
 * under every group commit, set by the disk's fsync and whatever else the server is doing.
 */
async function bareCommitMs(sql: pg.Client): Promise<number> {
  await sql.query('CREATE TABLE IF NOT EXISTS bench_commit_probe (at double precision)')
  const samples: number[] = []
  for (let i = 0; i < COMMIT_PROBES; i++) {
    const started = performance.now()
    await sql.query('INSERT INTO bench_commit_probe VALUES ($1)', [started])
    samples.push(performance.now() - started)
  }
  return median(samples)
}

export interface ScaleOutCityResult {
  processes: number
  connections: number
  /** The highest offered rate whose p99 stayed within the limit (0 when even the first did not). */
  movesPerSecond: number
  steps: ScaleOutStep[]
  /** A bare INSERT + COMMIT on the same PostgreSQL just before the steps, median ms. */
  bareCommitMs: number
}

/**
 * Moves per second at p99 ≤ 100 ms for each count of processes serving many boards: each board's
 * mover on one process, its observers spread over all of them, moves offered at rising rates
 * (round robin over the boards) as section 2b does for one board. A rate over the limit is tried
 * once more; the first rate over the limit twice ends that count's run. One cluster of the largest
 * count serves every run, each on fresh boards: a process without boards of the run only idles.
 */
export async function scaleOutSustained(
  processCounts: readonly number[],
  sizes: ScaleOutCitySizes,
  log: (line: string) => void = () => undefined,
): Promise<ScaleOutCityResult[]> {
  const cluster = await startCluster(Math.max(...processCounts))
  const sql = new pg.Client({ connectionString: cluster.database.url })
  try {
    await sql.connect()
    log(`scale-out city: ${cluster.servers.length} processes started`)
    const results: ScaleOutCityResult[] = []
    for (const processes of processCounts) results.push(await sustainedOn(cluster, cluster.servers.slice(0, processes), sql, sizes, log))
    return results
  } finally {
    await sql.end().catch(() => undefined)
    await cluster.stop()
  }
}

async function sustainedOn(
  cluster: Cluster,
  servers: readonly ServerProcess[],
  sql: pg.Client,
  sizes: ScaleOutCitySizes,
  log: (line: string) => void,
): Promise<ScaleOutCityResult> {
  const processes = servers.length
  const endpointOf = (server: ServerProcess, boardId: string): Endpoint => ({
    url: `${server.wsUrl}/${boardId}?token=${encodeURIComponent(server.adminToken)}`,
    protocol: WireProtocol.yWebsocket,
    documentName: boardId,
  })
  const boards = await seedBoards(
    sizes.boards,
    sizes.projectsPerBoard,
    (name) => createBoard(servers[0]!, name),
    (boardId) => servers.map((server) => endpointOf(server, boardId)),
  )
  let closeLoad = async () => boards.forEach((board) => board.mover.close())
  try {
    const pool = await watchBoards(boards, sizes.observersPerBoard)
    closeLoad = async () => {
      boards.forEach((board) => board.mover.close())
      await pool.close()
    }
    log(`scale-out city, ${processes} process(es): ${boards.length} boards seeded and watched`)
    // The backends serving this database's pools (the bench's own connection left out); the pools are warm by now.
    const backends = await sql.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')
    const pids: Record<string, number[]> = {
      ...Object.fromEntries(servers.map((server, index) => [`process ${index + 1}`, [server.pid]])),
      postgres: backends.rows.map((row) => row.pid),
      redis: [cluster.redis.pid],
    }
    const planAt = (rate: number, seconds: number) =>
      Array.from({ length: Math.round(rate * seconds) }, (_, k) => ({ atMs: (k * 1000) / rate, board: k % boards.length }))
    if (sizes.warmupSeconds > 0) await runSchedule(boards, pool, planAt(sizes.rates[0]!, sizes.warmupSeconds), {})
    const bareCommit = await bareCommitMs(sql)

    const steps: ScaleOutStep[] = []
    const step = async (rate: number): Promise<ScaleOutStep> => {
      const metricsBefore = await Promise.all(servers.map((server) => readMetrics(server.url)))
      const run = await runSchedule(boards, pool, planAt(rate, sizes.secondsPerStep), pids)
      const metricsAfter = await Promise.all(servers.map((server) => readMetrics(server.url)))
      const mean = (name: string) => {
        const parts = metricsAfter.map((after, index) => histogramMeanMs(metricsBefore[index]!, after, name))
        const count = parts.reduce((sum, part) => sum + part.count, 0)
        return { count, meanMs: parts.reduce((sum, part) => sum + (part.count > 0 ? part.meanMs * part.count : 0), 0) / count }
      }
      const commits = mean('guatu_persist_seconds')
      const counter = (name: string) => metricsAfter.reduce((sum, after, index) => sum + (after.get(name) ?? 0) - (metricsBefore[index]!.get(name) ?? 0), 0)
      const measured = run.latencies.map((latency) => (Number.isNaN(latency) ? Number.POSITIVE_INFINITY : latency))
      const cores = Object.fromEntries([...Object.entries(run.cpu), ['load generator', run.ownCpu] as const].map(([name, cpu]) => [name, cpu / run.seconds]))
      const result: ScaleOutStep = {
        rate,
        p50: median(measured),
        p99: percentile(measured, 99),
        cores,
        commitMs: commits.meanMs,
        commitsPerSecond: commits.count / run.seconds,
        redisLagMs: mean('guatu_redis_lag_seconds').meanMs,
        catchUps: counter('guatu_catch_ups_total'),
      }
      log(`scale-out city, ${processes} process(es), ${rate} moves/s: ${JSON.stringify(result)}`)
      steps.push(result)
      return result
    }
    let movesPerSecond = 0
    for (const rate of sizes.rates) {
      let { p99 } = await step(rate)
      if (p99 > SCALE_OUT_P99_LIMIT_MS) p99 = Math.min(p99, (await step(rate)).p99)
      if (p99 > SCALE_OUT_P99_LIMIT_MS) break
      movesPerSecond = rate
    }
    return { processes, connections: sizes.boards * (sizes.observersPerBoard + 1), movesPerSecond, steps, bareCommitMs: bareCommit }
  } finally {
    await closeLoad()
  }
}

async function createBoard(server: ServerProcess, name: string): Promise<string> {
  const response = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}` },
    body: JSON.stringify({ name, year: 2022 }),
  })
  if (response.status !== 201 && response.status !== 200) throw new Error(`POST /api/boards answered ${response.status}`)
  return ((await response.json()) as { board: { id: string } }).board.id
}
