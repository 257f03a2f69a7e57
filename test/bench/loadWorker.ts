/**
 * A worker thread hosting many observer clients on one board. It records, per client, when each
 * update of the mover arrived (the mover's clock after it, wall time), and answers the main
 * thread's questions: "tell me when every client has clock C" and "when did the last client
 * get each of these moves".
 */
import { parentPort } from 'node:worker_threads'
import * as Y from 'yjs'
import { RawClient, type Endpoint } from './rawClient.ts'

export type ToWorker =
  | { type: 'connect'; endpoint: Endpoint; count: number; moverClientId: number }
  | { type: 'expect'; id: number; clock: number }
  | { type: 'report'; clocks: number[] }
  | { type: 'reset' }
  | { type: 'close' }

export type FromWorker = { type: 'connected' } | { type: 'reached'; id: number } | { type: 'lastArrivals'; times: number[]; messages: number }

interface Observer {
  client: RawClient
  /** (mover clock after the update, arrival wall time in ms), in arrival order. */
  arrivals: Array<[number, number]>
  maxClock: number
}

const port = parentPort!
const observers: Observer[] = []
let moverClientId = -1
let messages = 0
const waits: Array<{ id: number; clock: number }> = []

const now = () => performance.timeOrigin + performance.now()

function minClock(): number {
  let min = Number.POSITIVE_INFINITY
  for (const observer of observers) min = Math.min(min, observer.maxClock)
  return min
}

function settleWaits(): void {
  if (waits.length === 0) return
  const reached = minClock()
  for (let i = waits.length - 1; i >= 0; i--) {
    if (waits[i]!.clock <= reached) {
      port.postMessage({ type: 'reached', id: waits[i]!.id } satisfies FromWorker)
      waits.splice(i, 1)
    }
  }
}

port.on('message', async (message: ToWorker) => {
  switch (message.type) {
    case 'connect': {
      moverClientId = message.moverClientId
      const joined: Array<Promise<void>> = []
      for (let i = 0; i < message.count; i++) {
        const observer: Observer = { arrivals: [], maxClock: 0, client: undefined as unknown as RawClient }
        observer.client = new RawClient(message.endpoint, {
          onUpdate: (update) => {
            messages++
            const clock = Y.parseUpdateMeta(update).to.get(moverClientId)
            if (clock === undefined || clock <= observer.maxClock) return
            observer.maxClock = clock
            observer.arrivals.push([clock, now()])
            settleWaits()
          },
        })
        observers.push(observer)
        joined.push(observer.client.synced)
        // Connect in small waves: a thundering herd of handshakes measures the accept queue.
        if (i % 25 === 24) await Promise.all(joined.slice(-25))
      }
      await Promise.all(joined)
      port.postMessage({ type: 'connected' } satisfies FromWorker)
      break
    }
    case 'expect':
      waits.push({ id: message.id, clock: message.clock })
      settleWaits()
      break
    case 'report': {
      // Clocks and arrivals both ascend: one pass per observer.
      const times = message.clocks.map(() => 0)
      for (const { arrivals } of observers) {
        let next = 0
        message.clocks.forEach((clock, index) => {
          while (next < arrivals.length && arrivals[next]![0] < clock) next++
          times[index] = Math.max(times[index]!, next < arrivals.length ? arrivals[next]![1] : Number.NaN)
        })
      }
      port.postMessage({ type: 'lastArrivals', times, messages } satisfies FromWorker)
      break
    }
    case 'reset':
      messages = 0
      for (const observer of observers) observer.arrivals = []
      break
    case 'close':
      for (const observer of observers) observer.client.close()
      port.close()
      break
  }
})
