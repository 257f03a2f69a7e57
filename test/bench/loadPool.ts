/**
 * Observer clients spread over worker threads, and the mover (one full peer) in the main thread.
 * Latency of a move = the arrival time at the last observer (recorded in the workers) minus the
 * time the mover sent it.
 */
import { Worker } from 'node:worker_threads'
import * as Y from 'yjs'
import type { Endpoint } from './rawClient.ts'
import type { FromWorker, ToWorker } from './loadWorker.ts'

const WAIT_TIMEOUT_MS = 30_000

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

  /** Connects `count` observers (spread over the workers) and resolves once every one is synced. */
  static async connect(workerCount: number, endpoint: Endpoint, count: number, moverClientId: number): Promise<LoadPool> {
    const pool = new LoadPool(Math.min(workerCount, count))
    await Promise.all(
      pool.workers.map((worker, index) => {
        const share = Math.floor(count / pool.workers.length) + (index < count % pool.workers.length ? 1 : 0)
        return pool.ask(worker, { type: 'connect', endpoint, count: share, moverClientId })
      }),
    )
    return pool
  }

  /** Resolves once every observer holds the mover's updates up to `clock`; rejects after a timeout. */
  async everyoneHas(clock: number, timeoutMs = WAIT_TIMEOUT_MS): Promise<boolean> {
    const reached = this.workers.map((worker) => {
      const id = this.nextWaitId++
      return new Promise<void>((resolve) => {
        this.waiters.set(id, () => {
          this.waiters.delete(id)
          resolve()
        })
        worker.postMessage({ type: 'expect', id, clock } satisfies ToWorker)
      })
    })
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)))
    const done = await Promise.race([Promise.all(reached).then(() => true), timedOut])
    clearTimeout(timer)
    return done
  }

  /** Per clock: when the last observer got it (epoch ms; NaN when some never did), and messages received. */
  async lastArrivals(clocks: number[]): Promise<{ times: number[]; messages: number }> {
    const answers = await Promise.all(this.workers.map((worker) => this.ask(worker, { type: 'report', clocks })))
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
