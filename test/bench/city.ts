/**
 * A city on one server (issue 22 item 4): one Guatu process on SQLite serving many boards at once,
 * each with its own full-Yjs mover and thin observers, moves at a meeting's pace on a few boards and
 * an office's pace on the rest. Measures fan-out per move, server CPU, RSS per board and per
 * connection, the unload of boards nobody has open, and the reload of one when someone opens it.
 *
 * `cityOnOneServer(sizes)` starts its own server; `bench/cityRun.ts [--quick]` runs it alone.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { waitFor } from '../helpers/wait.ts'
import { ServerKind, guatuHttp, startServer } from './benchServers.ts'
import { receiveWholeBoard, runSchedule, seedBoards, watchBoards, type PlannedMove } from './cityLoad.ts'
import { rssBytes } from './procStats.ts'
import { readMetrics } from './serverMetrics.ts'
import { median, percentile } from './stats.ts'

export interface CitySizes {
  boards: number
  projectsPerBoard: number
  /** Connections per board: its mover and `clientsPerBoard - 1` observers. */
  clientsPerBoard: number
  /** Boards in a 调度会 right now, moving fast while people report. */
  meetingBoards: number
  meetingMovesPerSecond: number
  /** Every other board: an office updating its cards now and then, one move per this many seconds. */
  quietSecondsPerMove: number
  seconds: number
  /** GUATU_IDLE_UNLOAD_MS for this server: short, so the unload is seen within the run. */
  idleUnloadMs: number
  /** Unloaded boards opened again by a new client, each timed. */
  reloads: number
}

export const CITY_SIZES = {
  full: {
    boards: 50,
    projectsPerBoard: 200,
    clientsPerBoard: 40,
    meetingBoards: 5,
    meetingMovesPerSecond: 2,
    quietSecondsPerMove: 30,
    seconds: 45,
    idleUnloadMs: 5_000,
    reloads: 10,
  },
  quick: {
    boards: 5,
    projectsPerBoard: 200,
    clientsPerBoard: 10,
    meetingBoards: 1,
    meetingMovesPerSecond: 2,
    quietSecondsPerMove: 3,
    seconds: 6,
    idleUnloadMs: 1_000,
    reloads: 2,
  },
} as const satisfies Record<string, CitySizes>

export interface CityFigures {
  sizes: CitySizes
  connections: number
  /** Offered moves per second over all boards. */
  movesPerSecond: number
  moves: number
  /** Sent until the last client of that board had it, ms: all moves, and the meeting boards' alone. */
  fanout: { p50: number; p99: number; max: number; meetingP99: number; lost: number }
  /** Server CPU during the moves, cores (CPU seconds per second); the load generator's beside it. */
  serverCores: number
  loadGeneratorCores: number
  rss: {
    /** Started, no board loaded. */
    idleMiB: number
    /** Every board loaded, its mover connected. */
    boardsLoadedMiB: number
    /** … and every observer connected, after the moves. */
    connectedMiB: number
    perBoardMiB: number
    perConnectionKiB: number
  }
  unload: {
    /** Last connection closed until the server reported no board loaded, s (includes the idle timeout). */
    seconds: number
    rssBeforeMiB: number
    rssAfterMiB: number
    /** V8 heap in use (from /metrics): what the unload freed, before the heap itself shrinks. */
    heapBeforeMiB: number
    heapAfterMiB: number
  }
  /** A new client of an unloaded board, from connect until its document holds the whole board, ms. */
  reload: { medianMs: number; maxMs: number; boardsLoadedAfter: number }
}

const MiB = 2 ** 20
const UNLOAD_TIMEOUT_MS = 120_000

/**
 * The day's schedule: meeting boards move every 1/rate s, the others every `quietSecondsPerMove`,
 * each board's first move offset so that the boards do not all move in the same instant.
 */
export function citySchedule(sizes: CitySizes): PlannedMove[] {
  const plan: PlannedMove[] = []
  const endMs = sizes.seconds * 1000
  for (let board = 0; board < sizes.boards; board++) {
    const meeting = board < sizes.meetingBoards
    const everyMs = meeting ? 1000 / sizes.meetingMovesPerSecond : sizes.quietSecondsPerMove * 1000
    const rank = meeting ? board / sizes.meetingBoards : (board - sizes.meetingBoards) / (sizes.boards - sizes.meetingBoards)
    for (let atMs = rank * everyMs; atMs < endMs; atMs += everyMs) plan.push({ atMs, board })
  }
  return plan.sort((a, b) => a.atMs - b.atMs)
}

const HEAP_USED = 'guatu_process_nodejs_heap_size_used_bytes'

/** Boards the server has in memory, from its /metrics. */
async function boardsLoaded(baseUrl: string): Promise<number> {
  const loaded = (await readMetrics(baseUrl)).get('guatu_boards_loaded')
  if (loaded === undefined) throw new Error('/metrics has no guatu_boards_loaded')
  return loaded
}

/** Lets a few GC cycles pass before RSS is read, so a reading is less a matter of when it was taken. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_000))

export async function cityOnOneServer(sizes: CitySizes, log: (line: string) => void = () => undefined): Promise<CityFigures> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-bench-city-'))
  const server = await startServer(ServerKind.guatu, dataDir, { GUATU_IDLE_UNLOAD_MS: String(sizes.idleUnloadMs) })
  const http = guatuHttp(server)
  let closeLoad = async () => undefined as void
  try {
    log('city: server started')
    await settle()
    const rssIdle = rssBytes(server.pid)
    const boards = await seedBoards(
      sizes.boards,
      sizes.projectsPerBoard,
      (name) => server.createBoard(name),
      (boardId) => [server.endpoint(boardId)],
    )
    closeLoad = async () => boards.forEach((board) => board.mover.close())
    await settle()
    const rssLoaded = rssBytes(server.pid)
    log(`city: ${sizes.boards} boards seeded`)

    const observersPerBoard = sizes.clientsPerBoard - 1
    const pool = await watchBoards(boards, observersPerBoard)
    closeLoad = async () => {
      boards.forEach((board) => board.mover.close())
      await pool.close()
    }
    log(`city: ${sizes.boards * sizes.clientsPerBoard} clients connected`)

    const plan = citySchedule(sizes)
    const run = await runSchedule(boards, pool, plan, { server: [server.pid] })
    await settle()
    const rssConnected = rssBytes(server.pid)
    const measured = run.latencies.filter((latency) => Number.isFinite(latency))
    const meeting = run.latencies.filter((latency, index) => Number.isFinite(latency) && plan[index]!.board < sizes.meetingBoards)
    log(`city: ${plan.length} moves in ${run.seconds.toFixed(1)} s`)

    // Everyone leaves: every board should unload once its idle timeout has passed.
    await closeLoad()
    closeLoad = async () => undefined
    const closedAt = performance.now()
    const rssBeforeUnload = rssBytes(server.pid)
    const heapBeforeUnload = (await readMetrics(http.url)).get(HEAP_USED) ?? Number.NaN
    await waitFor(async () => (await boardsLoaded(http.url)) === 0, {
      timeoutMs: sizes.idleUnloadMs + UNLOAD_TIMEOUT_MS,
      intervalMs: 100,
      message: 'every board without connections to unload',
    })
    const unloadSeconds = (performance.now() - closedAt) / 1000
    log(`city: every board unloaded after ${unloadSeconds.toFixed(1)} s`)
    await settle()
    const rssAfterUnload = rssBytes(server.pid)
    const heapAfterUnload = (await readMetrics(http.url)).get(HEAP_USED) ?? Number.NaN

    const reloads: number[] = []
    for (const board of boards.slice(0, sizes.reloads)) reloads.push(await receiveWholeBoard(board.endpoints[0]!, sizes.projectsPerBoard))
    const boardsLoadedAfter = await boardsLoaded(http.url)

    return {
      sizes,
      connections: sizes.boards * sizes.clientsPerBoard,
      movesPerSecond: plan.length / sizes.seconds,
      moves: plan.length,
      fanout: {
        p50: median(measured),
        p99: percentile(measured, 99),
        max: Math.max(...measured),
        meetingP99: percentile(meeting, 99),
        lost: run.latencies.length - measured.length,
      },
      serverCores: run.cpu.server! / run.seconds,
      loadGeneratorCores: run.ownCpu / run.seconds,
      rss: {
        idleMiB: rssIdle / MiB,
        boardsLoadedMiB: rssLoaded / MiB,
        connectedMiB: rssConnected / MiB,
        perBoardMiB: (rssLoaded - rssIdle) / sizes.boards / MiB,
        perConnectionKiB: (rssConnected - rssLoaded) / (sizes.boards * observersPerBoard) / 1024,
      },
      unload: {
        seconds: unloadSeconds,
        rssBeforeMiB: rssBeforeUnload / MiB,
        rssAfterMiB: rssAfterUnload / MiB,
        heapBeforeMiB: heapBeforeUnload / MiB,
        heapAfterMiB: heapAfterUnload / MiB,
      },
      reload: { medianMs: median(reloads), maxMs: Math.max(...reloads), boardsLoadedAfter },
    }
  } finally {
    await closeLoad()
    await server.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}
