/**
 * `pnpm bench`: starts the real server and measures it with stock y-websocket clients, then writes
 * docs/benchmarks.md. `--quick` runs small sizes (for CI, so the benchmark never rots).
 *
 * Load clients share this process for now; the full benchmark (reference servers side by side,
 * clients in worker threads) is its own issue.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { moveProject } from '@guatu/shared/board/projectCommands'
import { columnOrder } from '@guatu/shared/board/projectQueries'
import { generateDemoLedger } from '@guatu/shared/demo/generateLedger'
import { demoProjectId, seedBoardDoc } from '@guatu/shared/demo/seedBoard'
import { createPrng } from '@guatu/shared/demo/prng'
import { STAGES } from '@guatu/shared/domain/stage'
import type { ProjectId } from '@guatu/shared/domain/project'
import { TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/credentials.ts'
import { REPO_ROOT } from '../helpers/paths.ts'
import { ServerProcess } from '../helpers/serverProcess.ts'
import { benchClient, type BenchClient } from './benchClient.ts'
import { formatMs, median, percentile } from './stats.ts'

const quick = process.argv.includes('--quick')
const SIZES = quick
  ? { fanoutClients: [20], moves: 40, loadProjects: 2000, history: 2000, repeats: 1 }
  : { fanoutClients: [20, 100], moves: 200, loadProjects: 2000, history: 20000, repeats: 3 }

interface Row {
  name: string
  values: Record<string, string>
}

async function withServer<T>(env: Record<string, string>, work: (server: ServerProcess) => Promise<T>, dataDir?: string): Promise<T> {
  const dir = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'guatu-bench-')))
  const server = new ServerProcess(
    dir,
    // Every load client signs in as the admin: the per-user connection limit must not cap the fan-out.
    { GUATU_DEMO: '0', GUATU_LOG_LEVEL: 'warn', GUATU_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, GUATU_MAX_CONNECTIONS_PER_USER: '10000', ...env },
    { username: TEST_ADMIN_USERNAME, password: TEST_ADMIN_PASSWORD },
  )
  await server.launch(0)
  try {
    return await work(server)
  } finally {
    await server.shutdownQuietly()
    if (!dataDir) await rm(dir, { recursive: true, force: true })
  }
}

async function createSeededBoard(server: ServerProcess, count: number): Promise<string> {
  const response = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}` },
    body: JSON.stringify({ name: `基准测试 ${count}`, year: 2022 }),
  })
  const { board } = (await response.json()) as { board: { id: string } }
  const seeder = benchClient(server.wsUrl, board.id, server.adminToken)
  await seeder.synced
  seedBoardDoc(seeder.doc, generateDemoLedger({ count }), { idForIndex: demoProjectId })
  await waitUntil(async () => {
    const stored = (await (await fetch(`${server.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${server.adminToken}` } })).json()) as { projects: unknown[] }
    return stored.projects.length === count
  })
  seeder.provider.destroy()
  return board.id
}

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('benchmark wait timed out')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** One move at a time: the time from the mover's change until the last observer holds it. */
async function fanoutLatency(clientCount: number): Promise<Row> {
  return withServer({}, async (server) => {
    const boardId = await createSeededBoard(server, 160)
    const mover = benchClient(server.wsUrl, boardId, server.adminToken)
    const observers = Array.from({ length: clientCount - 1 }, () => benchClient(server.wsUrl, boardId, server.adminToken))
    await Promise.all([mover.synced, ...observers.map((client) => client.synced)])
    const prng = createPrng(7)
    const ids = Array.from({ length: 160 }, (_, index) => demoProjectId(index))
    const samples: number[] = []
    for (let i = 0; i < SIZES.moves; i++) {
      const id = prng.pick(ids)
      const stage = prng.pick(STAGES)
      const started = performance.now()
      moveProject(mover.doc, id, { stage })
      const rank = columnOrder(mover.doc, stage).find((card) => card.id === id)?.rank
      await Promise.all(observers.map((observer) => seen(observer, id, stage, rank)))
      samples.push(performance.now() - started)
    }
    for (const client of [mover, ...observers]) client.provider.destroy()
    return {
      name: `fan-out, one move at a time, ${clientCount} clients`,
      values: { p50: formatMs(median(samples)), p99: formatMs(percentile(samples, 99)), max: formatMs(Math.max(...samples)) },
    }
  })
}

function seen(client: BenchClient, id: ProjectId, stage: string, rank: string | undefined): Promise<void> {
  const holds = () => columnOrder(client.doc, stage as never).some((card) => card.id === id && card.rank === rank)
  if (holds()) return Promise.resolve()
  return new Promise((resolve) => {
    const check = () => {
      if (!holds()) return
      client.doc.off('update', check)
      resolve()
    }
    client.doc.on('update', check)
  })
}

/** Time for a new client to sync a 2,000-project board with a long history, before and after compaction. */
async function coldLoad(): Promise<Row> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-bench-load-'))
  try {
    const boardId = await withServer({ GUATU_COMPACT_AFTER_UPDATES: '1000000' }, async (server) => {
      const id = await createSeededBoard(server, SIZES.loadProjects)
      const writer = benchClient(server.wsUrl, id, server.adminToken)
      await writer.synced
      const prng = createPrng(11)
      for (let i = 0; i < SIZES.history; i++) {
        moveProject(writer.doc, demoProjectId(prng.int(0, SIZES.loadProjects - 1)), { stage: prng.pick(STAGES) })
        if (i % 200 === 199) await new Promise((resolve) => setTimeout(resolve, 1))
      }
      await waitUntil(() => writer.provider.wsconnected && writer.provider.synced)
      await new Promise((resolve) => setTimeout(resolve, 500))
      await server.kill('SIGKILL')
      return id
    }, dataDir)
    const firstSync = async () =>
      withServer({ GUATU_COMPACT_AFTER_UPDATES: '1000000' }, async (server) => {
        const started = performance.now()
        const client = benchClient(server.wsUrl, boardId, server.adminToken)
        await client.synced
        const elapsed = performance.now() - started
        client.provider.destroy()
        return elapsed
      }, dataDir)
    const before: number[] = []
    for (let i = 0; i < SIZES.repeats; i++) before.push(await firstSync())
    // A graceful stop compacts loaded boards: the next start loads one snapshot.
    await withServer({ GUATU_COMPACT_AFTER_UPDATES: '1' }, async (server) => {
      const client = benchClient(server.wsUrl, boardId, server.adminToken)
      await client.synced
      client.provider.destroy()
    }, dataDir)
    const after: number[] = []
    for (let i = 0; i < SIZES.repeats; i++) after.push(await firstSync())
    return {
      name: `first sync of a ${SIZES.loadProjects}-project board after ${SIZES.history} updates (server just started)`,
      values: { 'uncompacted ms': formatMs(median(before)), 'compacted ms': formatMs(median(after)) },
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

function render(rows: readonly Row[]): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  const lines = [
    '# Benchmarks',
    '',
    `Run: ${new Date().toISOString().slice(0, 10)} · ${quick ? 'quick' : 'full'} mode · ${os.cpus().length} × ${cpu} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version} · ${os.platform()} ${os.release()}`,
    '',
    'Server: the built Guatu server with SQLite (WAL, synchronous=FULL), every update validated and durable before broadcast. Clients: stock y-websocket clients in the benchmark process. Times in milliseconds, medians over repeats.',
    '',
  ]
  for (const row of rows) {
    lines.push(`## ${row.name}`, '', `| ${Object.keys(row.values).join(' | ')} |`, `| ${Object.keys(row.values).map(() => '---').join(' | ')} |`, `| ${Object.values(row.values).join(' | ')} |`, '')
  }
  lines.push('Reproduce with `pnpm bench` (or `pnpm bench --quick`).', '')
  return lines.join('\n')
}

const rows: Row[] = []
for (const clients of SIZES.fanoutClients) {
  rows.push(await fanoutLatency(clients))
  console.log(rows.at(-1))
}
rows.push(await coldLoad())
console.log(rows.at(-1))
const output = quick ? path.join(REPO_ROOT, 'test', 'artifacts', 'benchmarks-quick.md') : path.join(REPO_ROOT, 'docs', 'benchmarks.md')
await mkdir(path.dirname(output), { recursive: true })
await writeFile(output, render(rows))
console.log(`wrote ${path.relative(REPO_ROOT, output)}`)
process.exit(0)
