/**
 * Many boards at once, for the city benchmarks (city.ts on one server, scaleOut.ts on several):
 * each board seeded and moved by its own full Yjs peer in this thread, watched by thin observers
 * in the load pool's workers, and a schedule of moves across all boards, each move timed from its
 * send until the last observer of its board has it.
 */
import * as Y from 'yjs'
import { moveProject } from '@guatu/shared/board/projectCommands'
import { columnOrder, countProjects } from '@guatu/shared/board/projectQueries'
import { generateDemoLedger } from '@guatu/shared/demo/generateLedger'
import { createPrng, type Prng } from '@guatu/shared/demo/prng'
import { demoProjectId, seedBoardDoc } from '@guatu/shared/demo/seedBoard'
import { STAGES } from '@guatu/shared/domain/stage'
import { waitForEvent } from '../helpers/wait.ts'
import { LoadPool, clockOf, wallNow } from './loadPool.ts'
import { cpuSeconds, ownCpuSeconds } from './procStats.ts'
import { RawClient, type Endpoint } from './rawClient.ts'

export interface CityBoard {
  boardId: string
  /** Every server it is served by (one, or each process of a scale-out): observers spread over them. */
  endpoints: Endpoint[]
  doc: Y.Doc
  mover: RawClient
  prng: Prng
  projects: number
}

/** Far above any latency measured here; only a lost update takes longer. */
const HOLD_TIMEOUT_MS = 60_000
const LOAD_WORKERS = 2
/** Boards seeded at once: each seed is one large update the server validates and commits. */
const SEED_PARALLEL = 5
/** The longest the send loop sleeps: moves are sent within this of their planned time. */
const TICK_MS = 10

/**
 * Creates `count` boards and seeds each with its own ledger of `projects` projects through its
 * mover (on endpoint `i % endpoints.length` of board i). Resolves once the servers hold every seed.
 */
export async function seedBoards(
  count: number,
  projects: number,
  createBoard: (name: string) => Promise<string>,
  endpointsOf: (boardId: string) => Endpoint[],
): Promise<CityBoard[]> {
  const boards: CityBoard[] = []
  for (let first = 0; first < count; first += SEED_PARALLEL) {
    const wave = Array.from({ length: Math.min(SEED_PARALLEL, count - first) }, async (_, offset) => {
      const index = first + offset
      const boardId = await createBoard(`城市基准 ${index + 1}`)
      const endpoints = endpointsOf(boardId)
      const doc = new Y.Doc()
      seedBoardDoc(doc, generateDemoLedger({ count: projects, seed: 2022 + index }), { idForIndex: demoProjectId })
      const mover = new RawClient(endpoints[index % endpoints.length]!, { doc })
      await mover.synced
      // The mover's own sync completes before the server has judged its seed: read it back.
      await receiveWholeBoard(endpoints[index % endpoints.length]!, projects)
      return { boardId, endpoints, doc, mover, prng: createPrng(index + 1), projects }
    })
    boards.push(...(await Promise.all(wave)))
  }
  return boards
}

/** Connects `observersPerBoard` thin observers to every board and resolves once each holds its board's seed. */
export async function watchBoards(boards: readonly CityBoard[], observersPerBoard: number): Promise<LoadPool> {
  const pool = await LoadPool.connectBoards(
    LOAD_WORKERS,
    boards.map((board) => ({ endpoints: board.endpoints, count: observersPerBoard, moverClientId: board.doc.clientID })),
  )
  for (const [group, board] of boards.entries()) {
    if (!(await pool.everyoneHas(clockOf(board.doc), HOLD_TIMEOUT_MS, group))) throw new Error(`board ${group}: an observer never got the seed`)
  }
  return pool
}

/**
 * A new full client of the board, from its connect until its document holds all `projects`
 * projects (the whole board received and applied), ms. Closes the client afterwards.
 */
export async function receiveWholeBoard(endpoint: Endpoint, projects: number): Promise<number> {
  const started = performance.now()
  const doc = new Y.Doc()
  const client = new RawClient(endpoint, { doc })
  try {
    await waitForEvent<void>(
      (listener) => {
        const onUpdate = () => listener()
        doc.on('update', onUpdate)
        return () => doc.off('update', onUpdate)
      },
      () => countProjects(doc) >= projects,
      { timeoutMs: HOLD_TIMEOUT_MS, message: `a new client to receive a board of ${projects} projects` },
    )
    return performance.now() - started
  } finally {
    client.close()
    doc.destroy()
  }
}

/** A move planned `atMs` after the start of a schedule, on board `board` (an index). */
export interface PlannedMove {
  atMs: number
  board: number
}

export interface ScheduleRun {
  /** Per planned move, in the plan's order: sent until its board's last observer had it, ms (NaN: never). */
  latencies: number[]
  seconds: number
  /** CPU seconds used during the run by each watched process (by the names given). */
  cpu: Record<string, number>
  /** This process (mover and load workers), CPU seconds. */
  ownCpu: number
}

/** A card moved to another column, at its end: the everyday drag and drop. */
function randomMove(board: CityBoard): void {
  const id = demoProjectId(board.prng.int(0, board.projects - 1))
  const current = STAGES.find((stage) => columnOrder(board.doc, stage).some((card) => card.id === id))
  moveProject(board.doc, id, { stage: board.prng.pick(STAGES.filter((stage) => stage !== current)) })
}

/**
 * Sends the planned moves on time and times each one. Moves are prepared before the clock starts
 * (so preparing them is not timed) and sent as the movers would have sent them. `pids` names the
 * processes whose CPU to read (servers, database, Redis); a pid that ends meanwhile counts what it
 * had used when last read.
 */
export async function runSchedule(
  boards: readonly CityBoard[],
  pool: LoadPool,
  plan: readonly PlannedMove[],
  pids: Record<string, number[]>,
): Promise<ScheduleRun> {
  const schedule = [...plan].sort((a, b) => a.atMs - b.atMs)
  if (schedule.some((move, index) => move !== plan[index])) throw new Error('runSchedule: planned moves must be in time order')
  const updates = boards.map((board, index) => {
    board.mover.holdLocalUpdates()
    for (const move of schedule) if (move.board === index) randomMove(board)
    return board.mover.releaseHeld()
  })
  const clocks = boards.map((board, index) => updates[index]!.map((update) => Y.parseUpdateMeta(update).to.get(board.doc.clientID)!))
  const sentAt = boards.map((): number[] => [])
  pool.reset()
  const cpuBefore = readCpu(pids)
  const ownBefore = ownCpuSeconds()
  const started = wallNow()
  for (const move of schedule) {
    let wait = started + move.atMs - wallNow()
    while (wait > 0) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(TICK_MS, wait)))
      wait = started + move.atMs - wallNow()
    }
    const sent = sentAt[move.board]!
    sent.push(wallNow())
    boards[move.board]!.mover.sendUpdate(updates[move.board]![sent.length - 1]!)
  }
  for (const [group, boardClocks] of clocks.entries()) if (boardClocks.length > 0) await pool.everyoneHas(boardClocks.at(-1)!, HOLD_TIMEOUT_MS, group)
  const seconds = (wallNow() - started) / 1000
  const cpuAfter = readCpu(pids)
  const ownCpu = ownCpuSeconds() - ownBefore

  // Back to the plan's order: the k-th move of a board is its k-th update.
  const perBoard = await Promise.all(
    clocks.map(async (boardClocks, group) => {
      if (boardClocks.length === 0) return []
      const { times } = await pool.lastArrivals(boardClocks, group)
      return times.map((time, index) => time - sentAt[group]![index]!)
    }),
  )
  const taken = boards.map(() => 0)
  const latencies = schedule.map((move) => perBoard[move.board]![taken[move.board]!++]!)
  const cpu = Object.fromEntries(
    Object.entries(cpuAfter).map(([name, after]) => [name, [...after].reduce((sum, [pid, seconds]) => sum + seconds - (cpuBefore[name]?.get(pid) ?? 0), 0)]),
  )
  return { latencies, seconds, cpu, ownCpu }
}

/**
 * CPU seconds of each process, per named group. Differences are taken per process: a database
 * backend that started during the run counts from zero, one that ended is left out.
 */
function readCpu(groups: Record<string, number[]>): Record<string, Map<number, number>> {
  const read = (pid: number): [number, number][] => {
    try {
      return [[pid, cpuSeconds(pid)]]
    } catch {
      return []
    }
  }
  return Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, new Map(pids.flatMap(read))]))
}
