/**
 * A worker thread hosting many observer clients, on one board or on many (one group per board,
 * each with its own mover). It records, per client, when each update of its group's mover arrived
 * (the mover's clock after it, wall time), and answers the main thread's questions: "tell me when
 * every client of group G has clock C" and "when did the last client of G get each of these moves".
 */
import { parentPort } from 'node:worker_threads'
import * as Y from 'yjs'
import { RawClient, type Endpoint } from './rawClient.ts'

export type ToWorker =
  /** `count` observers of `group`; observer i connects to endpoints[i % endpoints.length] (a load balancer's spread). */
  | { type: 'connect'; group: number; endpoints: Endpoint[]; count: number; moverClientId: number }
  | { type: 'expect'; group: number; id: number; clock: number }
  | { type: 'report'; group: number; clocks: number[] }
  | { type: 'reset' }
  | { type: 'close' }

export type FromWorker = { type: 'connected' } | { type: 'reached'; id: number } | { type: 'lastArrivals'; times: number[]; messages: number }

interface Observer {
  client: RawClient
  /** (mover clock after the update, arrival wall time in ms), in arrival order. */
  arrivals: Array<[number, number]>
  maxClock: number
}

interface Group {
  moverClientId: number
  observers: Observer[]
  waits: Array<{ id: number; clock: number }>
  /** Update messages this group's observers received since the last reset. */
  messages: number
}

const port = parentPort!
const groups = new Map<number, Group>()
/** Connect in small waves: a thundering herd of handshakes measures the accept queue. */
const CONNECT_WAVE = 25

const now = () => performance.timeOrigin + performance.now()

function groupOf(id: number, moverClientId = -1): Group {
  let group = groups.get(id)
  if (!group) {
    group = { moverClientId, observers: [], waits: [], messages: 0 }
    groups.set(id, group)
  }
  return group
}

/** A group this worker hosts no observer of has reached every clock. */
function minClock(group: Group): number {
  let min = Number.POSITIVE_INFINITY
  for (const observer of group.observers) min = Math.min(min, observer.maxClock)
  return min
}

function settleWaits(group: Group): void {
  if (group.waits.length === 0) return
  const reached = minClock(group)
  for (let i = group.waits.length - 1; i >= 0; i--) {
    if (group.waits[i]!.clock <= reached) {
      port.postMessage({ type: 'reached', id: group.waits[i]!.id } satisfies FromWorker)
      group.waits.splice(i, 1)
    }
  }
}

async function connect(message: Extract<ToWorker, { type: 'connect' }>): Promise<void> {
  const group = groupOf(message.group, message.moverClientId)
  group.moverClientId = message.moverClientId
  const joined: Array<Promise<void>> = []
  for (let i = 0; i < message.count; i++) {
    const observer: Observer = { arrivals: [], maxClock: 0, client: undefined as unknown as RawClient }
    observer.client = new RawClient(message.endpoints[i % message.endpoints.length]!, {
      onUpdate: (update) => {
        group.messages++
        const clock = Y.parseUpdateMeta(update).to.get(group.moverClientId)
        if (clock === undefined || clock <= observer.maxClock) return
        observer.maxClock = clock
        observer.arrivals.push([clock, now()])
        settleWaits(group)
      },
    })
    group.observers.push(observer)
    joined.push(observer.client.synced)
    if (i % CONNECT_WAVE === CONNECT_WAVE - 1) await Promise.all(joined.slice(-CONNECT_WAVE))
  }
  await Promise.all(joined)
}

port.on('message', async (message: ToWorker) => {
  switch (message.type) {
    case 'connect':
      await connect(message)
      port.postMessage({ type: 'connected' } satisfies FromWorker)
      break
    case 'expect': {
      const group = groupOf(message.group)
      group.waits.push({ id: message.id, clock: message.clock })
      settleWaits(group)
      break
    }
    case 'report': {
      // Clocks and arrivals both ascend: one pass per observer.
      const group = groupOf(message.group)
      const times = message.clocks.map(() => 0)
      for (const { arrivals } of group.observers) {
        let next = 0
        message.clocks.forEach((clock, index) => {
          while (next < arrivals.length && arrivals[next]![0] < clock) next++
          times[index] = Math.max(times[index]!, next < arrivals.length ? arrivals[next]![1] : Number.NaN)
        })
      }
      port.postMessage({ type: 'lastArrivals', times, messages: group.messages } satisfies FromWorker)
      break
    }
    case 'reset':
      for (const group of groups.values()) {
        group.messages = 0
        for (const observer of group.observers) observer.arrivals = []
      }
      break
    case 'close':
      for (const group of groups.values()) for (const observer of group.observers) observer.client.close()
      port.close()
      break
  }
})
