/**
 * Fan-out latency (one move at a time, and bursts), sustained moves per second, CPU per delivered
 * message and memory per connection, for one server kind.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { moveProject } from '@guatu/shared/board/projectCommands'
import { columnOrder } from '@guatu/shared/board/projectQueries'
import { generateDemoLedger } from '@guatu/shared/demo/generateLedger'
import { createPrng, type Prng } from '@guatu/shared/demo/prng'
import { demoProjectId, seedBoardDoc } from '@guatu/shared/demo/seedBoard'
import { STAGES } from '@guatu/shared/domain/stage'
import { startServer, type BenchServer, type ServerKind } from './benchServers.ts'
import { LoadPool, clockOf, wallNow } from './loadPool.ts'
import { cpuSeconds, ownCpuSeconds, rssBytes } from './procStats.ts'
import { RawClient } from './rawClient.ts'
import { median, percentile } from './stats.ts'

export const BOARD_PROJECTS = 160
const LOAD_WORKERS = 2
const TICK_MS = 10

export interface LatencyFigures {
  p50: number
  p99: number
  max: number
}

export interface FanoutResult {
  sequential: LatencyFigures
  burst: LatencyFigures
  /**
   * Server CPU seconds per 1,000 deliveries (one move reaching one observer) during the bursts. Not
   * per message: a server that merges moves arriving together into one message does less work for
   * the same result, and per message would count that against it.
   */
  cpuPerThousand: number
  /** Update messages the observers received per delivery: below 1 when moves were merged. */
  messagesPerDelivery: number
  /** Server RSS growth per connected client, bytes. */
  rssPerConnection: number
  /** The load generator's own CPU, as a share of one core, during the bursts. */
  loadGeneratorCores: number
}

export interface FanoutSizes {
  /**
   * Moves sent before anything is measured, not timed: a server runs for days, and its first
   * thousand or so moves after a start run partly unoptimised (V8 compiles hot code only after it
   * has run for a while), which weighs more on a server with more code per move.
   */
  warmupMoves: number
  warmupPerSecond: number
  sequentialMoves: number
  burstMoves: number
  burstPerSecond: number
  repeats: number
}

interface Board {
  server: BenchServer
  mover: RawClient
  doc: Y.Doc
  pool: LoadPool
  observers: number
  prng: Prng
  rssPerConnection: number
  cleanup(): Promise<void>
}

/** A server with a seeded 160-card board, one mover and `clients - 1` observers. */
async function openBoard(kind: ServerKind, clients: number, serverEnv: Record<string, string> = {}): Promise<Board> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `guatu-bench-${kind}-`))
  const server = await startServer(kind, dataDir, serverEnv)
  const boardId = await server.createBoard(`fanout-${clients}`)
  const doc = new Y.Doc()
  seedBoardDoc(doc, generateDemoLedger({ count: BOARD_PROJECTS }), { idForIndex: demoProjectId })
  const mover = new RawClient(server.endpoint(boardId), { doc })
  await mover.synced
  const rssBefore = rssBytes(server.pid)
  const pool = await LoadPool.connect(LOAD_WORKERS, server.endpoint(boardId), clients - 1, doc.clientID)
  // Every observer must hold the seed before moves are timed.
  await pool.everyoneHas(clockOf(doc))
  const rssPerConnection = (rssBytes(server.pid) - rssBefore) / (clients - 1)
  return {
    server,
    mover,
    doc,
    pool,
    observers: clients - 1,
    prng: createPrng(clients),
    rssPerConnection,
    async cleanup() {
      mover.close()
      await pool.close()
      await server.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** A card moved to another column, at the end: the everyday drag and drop. */
function randomMove(board: Board): void {
  const id = demoProjectId(board.prng.int(0, BOARD_PROJECTS - 1))
  const current = STAGES.find((stage) => columnOrder(board.doc, stage).some((card) => card.id === id))
  moveProject(board.doc, id, { stage: board.prng.pick(STAGES.filter((stage) => stage !== current)) })
}

function figures(samples: readonly number[]): LatencyFigures {
  return { p50: median(samples), p99: percentile(samples, 99), max: Math.max(...samples) }
}

async function sequentialRun(board: Board, moves: number): Promise<number[]> {
  board.pool.reset()
  const clocks: number[] = []
  const sentAt: number[] = []
  for (let i = 0; i < moves; i++) {
    sentAt.push(wallNow())
    randomMove(board)
    clocks.push(clockOf(board.doc))
    if (!(await board.pool.everyoneHas(clocks.at(-1)!))) throw new Error(`${board.server.kind}: a move never reached every client`)
  }
  const { times } = await board.pool.lastArrivals(clocks)
  return times.map((time, index) => time - sentAt[index]!)
}

/**
 * Moves prepared in advance (so preparing them is not timed), then sent at `perSecond`, each
 * timed from its own send until the last observer has it. Returns NaN latencies for moves some
 * observer never got within the timeout.
 */
export async function paced(
  board: Board,
  moves: number,
  perSecond: number,
): Promise<{ latencies: number[]; messages: number; serverCpu: number; ownCpu: number; seconds: number }> {
  board.pool.reset()
  board.mover.holdLocalUpdates()
  for (let i = 0; i < moves; i++) randomMove(board)
  const updates = board.mover.releaseHeld()
  const clocks = updates.map((update) => Y.parseUpdateMeta(update).to.get(board.doc.clientID)!)
  const sentAt: number[] = []
  const cpuBefore = cpuSeconds(board.server.pid)
  const ownBefore = ownCpuSeconds()
  const started = wallNow()
  while (sentAt.length < updates.length) {
    const due = Math.min(updates.length, Math.floor(((wallNow() - started) / 1000) * perSecond) + 1)
    while (sentAt.length < due) {
      sentAt.push(wallNow())
      board.mover.sendUpdate(updates[sentAt.length - 1]!)
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS))
  }
  await board.pool.everyoneHas(clocks.at(-1)!)
  const seconds = (wallNow() - started) / 1000
  const serverCpu = cpuSeconds(board.server.pid) - cpuBefore
  const ownCpu = ownCpuSeconds() - ownBefore
  const { times, messages } = await board.pool.lastArrivals(clocks)
  return { latencies: times.map((time, index) => time - sentAt[index]!), messages, serverCpu, ownCpu, seconds }
}

/** What one round on a fresh server yields: every latency sample, and what the bursts cost. */
export interface FanoutRound {
  sequential: number[]
  burst: number[]
  serverCpu: number
  messages: number
  /** Moves of the burst × observers. */
  deliveries: number
  ownCpu: number
  seconds: number
  rssPerConnection: number
}

/**
 * One round for one server and one client count: a fresh server and board, `warmupMoves` untimed,
 * `sequentialMoves` one at a time, then the burst. `serverEnv` goes to the server process (e.g. a CPU profile preload).
 */
export async function fanoutRound(kind: ServerKind, clients: number, sizes: FanoutSizes, serverEnv: Record<string, string> = {}): Promise<FanoutRound> {
  const board = await openBoard(kind, clients, serverEnv)
  try {
    if (sizes.warmupMoves > 0) await paced(board, sizes.warmupMoves, sizes.warmupPerSecond)
    const sequential = await sequentialRun(board, sizes.sequentialMoves)
    const run = await paced(board, sizes.burstMoves, sizes.burstPerSecond)
    const deliveries = sizes.burstMoves * board.observers
    return {
      sequential,
      burst: run.latencies,
      serverCpu: run.serverCpu,
      messages: run.messages,
      deliveries,
      ownCpu: run.ownCpu,
      seconds: run.seconds,
      rssPerConnection: board.rssPerConnection,
    }
  } finally {
    await board.cleanup()
  }
}

/**
 * Figures over all rounds of one server: percentiles of the pooled samples (a p99 over a few
 * hundred moves, not the second-worst of one run), CPU as total over total.
 */
export function summarizeRounds(rounds: readonly FanoutRound[]): FanoutResult {
  const total = (pick: (round: FanoutRound) => number) => rounds.reduce((sum, round) => sum + pick(round), 0)
  return {
    sequential: figures(rounds.flatMap((round) => round.sequential)),
    burst: figures(rounds.flatMap((round) => round.burst)),
    cpuPerThousand: (total((round) => round.serverCpu) / total((round) => round.deliveries)) * 1000,
    messagesPerDelivery: total((round) => round.messages) / total((round) => round.deliveries),
    rssPerConnection: median(rounds.map((round) => round.rssPerConnection)),
    loadGeneratorCores: total((round) => round.ownCpu) / total((round) => round.seconds),
  }
}

/** Fan-out figures for one server and one client count over `repeats` rounds, each on a fresh server. */
export async function fanout(kind: ServerKind, clients: number, sizes: FanoutSizes, serverEnv: Record<string, string> = {}): Promise<FanoutResult> {
  const rounds: FanoutRound[] = []
  for (let round = 0; round < sizes.repeats; round++) rounds.push(await fanoutRound(kind, clients, sizes, serverEnv))
  return summarizeRounds(rounds)
}

export interface SustainedResult {
  /** The highest offered rate whose p99 stayed within the limit (0 when even the first did not). */
  movesPerSecond: number
  p99AtThatRate: number
  /** The first rate that broke the limit, with its p99 (undefined when none did). */
  brokeAt?: { movesPerSecond: number; p99: number }
}

/**
 * Offers moves at rising rates to `clients` clients until the p99 latency exceeds `p99LimitMs`. A
 * rate over the limit gets one more try (for every server alike): a step lasts seconds, and one
 * noisy second of this shared machine should not decide the figure.
 */
export async function sustained(
  kind: ServerKind,
  clients: number,
  rates: readonly number[],
  secondsPerStep: number,
  p99LimitMs: number,
): Promise<SustainedResult> {
  const board = await openBoard(kind, clients)
  const stepP99 = async (rate: number) => {
    const run = await paced(board, Math.round(rate * secondsPerStep), rate)
    return run.latencies.some(Number.isNaN) ? Number.POSITIVE_INFINITY : percentile(run.latencies, 99)
  }
  try {
    let best: SustainedResult = { movesPerSecond: 0, p99AtThatRate: Number.NaN }
    for (const rate of rates) {
      let p99 = await stepP99(rate)
      if (p99 > p99LimitMs) p99 = Math.min(p99, await stepP99(rate))
      if (p99 > p99LimitMs) return { ...best, brokeAt: { movesPerSecond: rate, p99 } }
      best = { movesPerSecond: rate, p99AtThatRate: p99 }
    }
    return best
  } finally {
    await board.cleanup()
  }
}
