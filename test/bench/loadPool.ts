/**
 * Observer clients spread over worker threads, and the mover (one full peer) in the main thread.
 * Latency of a move = the arrival time at the last observer (recorded in the workers) minus the
 * time the mover sent it. One pool can watch many boards (groups), each with its own mover.
 */
import { Worker } from 'node:worker_threads'
import * as Y from 'yjs'
import type { Endpoint } from './rawClient.ts'
import type { FromWorker, ToWorker } from './loadWorker.ts'

const WAIT_TIMEOUT_MS = 30_000

/** The observers of one board: how many, where they connect (spread over these), whose moves they time. */
export interface ObservedBoard {
  endpoints: Endpoint[]
  count: number
  moverClientId: number
}

export class LoadPool {
  private readonly workers: Worker[]
  private nextWaitId = 1
  private readonly waiters = new Map<number, () => void>()
  private readonly replies = new Map<Worker, Array<(message: FromWorker) => void>>()

  private constructor(workerCount: number) {
    this.workers = Array.from({ length: workerCount }, () => new Worker(new URL('./loadWorkerEntry.mjs', import.meta.url)))
    for (const worker of this.workers) {
      this.replies.set(worker, [])
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'reached') this.waiters.get(message.id)?.()
        else this.replies.get(worker)!.shift()?.(message)
      })
      worker.on('error', (error) => console.error('load worker failed', error))
    }
  }

  /** Connects `count` observers of one board (spread over the workers) and resolves once every one is synced. */
  static connect(workerCount: number, endpoint: Endpoint, count: number, moverClientId: number): Promise<LoadPool> {
    return LoadPool.connectBoards(Math.min(workerCount, count), [{ endpoints: [endpoint], count, moverClientId }])
  }

  /**
   * Connects the observers of many boards; board i is group i in `everyoneHas` and `lastArrivals`.
   * Each worker connects its share board after board, so handshakes arrive in small waves.
   */
  static async connectBoards(workerCount: number, boards: readonly ObservedBoard[]): Promise<LoadPool> {
    const pool = new LoadPool(workerCount)
    const workers = pool.workers.length
    await Promise.all(
      pool.workers.map(async (worker, index) => {
        for (const [group, board] of boards.entries()) {
          const share = Math.floor(board.count / workers) + (index < board.count % workers ? 1 : 0)
          if (share === 0) continue
          // Rotate the endpoints per worker, so a board's observers spread evenly over the servers.
          const endpoints = board.endpoints.map((_, i) => board.endpoints[(i + index) % board.endpoints.length]!)
          await pool.ask(worker, { type: 'connect', group, endpoints, count: share, moverClientId: board.moverClientId })
        }
      }),
    )
    return pool
  }

  /** Resolves true once every observer of `group` holds its mover's updates up to `clock`; false after a timeout. */
  async everyoneHas(clock: number, timeoutMs = WAIT_TIMEOUT_MS, group = 0): Promise<boolean> {
    const reached = this.workers.map((worker) => {
      const id = this.nextWaitId++
      return new Promise<void>((resolve) => {
        this.waiters.set(id, () => {
          this.waiters.delete(id)
          resolve()
        })
        worker.postMessage({ type: 'expect', group, id, clock } satisfies ToWorker)
      })
    })
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)))
    const done = await Promise.race([Promise.all(reached).then(() => true), timedOut])
    clearTimeout(timer)
    return done
  }

  /** Per clock of `group`'s mover: when its last observer got it (epoch ms; NaN when some never did), and messages received. */
  async lastArrivals(clocks: number[], group = 0): Promise<{ times: number[]; messages: number }> {
    const answers = await Promise.all(this.workers.map((worker) => this.ask(worker, { type: 'report', group, clocks })))
    const times = clocks.map((_, index) => Math.max(...answers.map((answer) => (answer.type === 'lastArrivals' ? answer.times[index]! : Number.NaN))))
    const messages = answers.reduce((sum, answer) => sum + (answer.type === 'lastArrivals' ? answer.messages : 0), 0)
    return { times, messages }
  }

  reset(): void {
    for (const worker of this.workers) worker.postMessage({ type: 'reset' } satisfies ToWorker)
  }

  async close(): Promise<void> {
    for (const worker of this.workers) worker.postMessage({ type: 'close' } satisfies ToWorker)
    await Promise.all(this.workers.map((worker) => worker.terminate()))
  }

  private ask(worker: Worker, message: ToWorker): Promise<FromWorker> {
    return new Promise((resolve) => {
      this.replies.get(worker)!.push(resolve)
      worker.postMessage(message)
    })
  }
}

/** Wall time in ms, comparable across worker threads. */
export function wallNow(): number {
  return performance.timeOrigin + performance.now()
}

/** The mover's own clock: what an observer's state must reach to hold everything it sent. */
export function clockOf(doc: Y.Doc): number {
  return Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0
}
