import { beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { readPresence } from '@guatu/shared/sync/presence'
import { projectsSnapshot, seedProjects, sortById } from '../helpers/board.ts'
import { connectClient, waitAllSynced, waitForDoc, type TestClient } from '../helpers/client.ts'
import { createUser, loginCookie, tokenFor } from '../helpers/accounts.ts'
import { fuzzSeed, Rng, withSeed } from '../helpers/prng.ts'
import { createBoard, fetchBoard, requestJson } from '../helpers/rest.ts'
import type { TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/wait.ts'
import { missingFrom, moveClientTo, randomEdits, startCluster, waitConverged, type Cluster, type EditStats } from './cluster.ts'
import type { ReadinessResponse } from '@guatu/shared/api/ops'
import type { UserMeResponse } from '@guatu/shared/api/session'

const PROJECTS = 24
const CLIENTS_PER_PROCESS = 2

let cluster: Cluster

beforeAll(async () => {
  cluster = await startCluster(3)
})

/** A board seeded through the first process, with clients spread evenly over `servers`. */
async function boardWithClients(name: string, servers: readonly TestServer[], rng: Rng): Promise<{ boardId: string; clients: TestClient[] }> {
  const board = await createBoard(servers[0]!, name)
  const clients = servers.flatMap((server) => Array.from({ length: CLIENTS_PER_PROCESS }, () => connectClient(server, board.id)))
  await waitAllSynced(clients)
  seedProjects(clients[0]!.doc, PROJECTS, rng)
  await waitFor(() => clients.every((client) => listProjects(client.doc).length === PROJECTS), {
    message: `every client, on every process, to see the ${PROJECTS} seeded projects`,
    describe: () => clients.map((client) => listProjects(client.doc).length).join(', '),
  })
  return { boardId: board.id, clients }
}

/** A fresh client on each given process and GET /api/boards/:id on each show exactly what the clients converged on. */
async function expectStoredEverywhere(servers: readonly TestServer[], boardId: string, converged: Y.Doc): Promise<void> {
  const expected = projectsSnapshot(converged)
  for (const server of servers) {
    const fresh = connectClient(server, boardId)
    await fresh.waitSynced()
    await waitForDoc(fresh.doc, (doc) => projectsSnapshot(doc) === expected, { message: `a fresh client on port ${server.port} to show the converged board` })
    const { projects } = await fetchBoard(server, boardId)
    expect(JSON.stringify(sortById(projects)), `GET /api/boards/${boardId} on port ${server.port}`).toBe(expected)
    fresh.destroy()
  }
}

function emptyStats(): EditStats {
  return { stageChanges: 0, reorders: 0, edits: 0 }
}

describe('several server processes on PostgreSQL and Redis', () => {
  test('an account and a token made on one process work on every other', async () => {
    const [first, second, third] = cluster.servers as [TestServer, TestServer, TestServer]
    await createUser(first, { username: 'fagaiju', password: 'fagaiju-password-1', role: 'editor', units: ['发改局'] })
    const token = await tokenFor(second, 'fagaiju', 'fagaiju-password-1')
    const cookie = await loginCookie(third, 'fagaiju', 'fagaiju-password-1')
    const viaToken = await requestJson<UserMeResponse>(first, '/api/me', { token })
    const viaCookie = await requestJson<UserMeResponse>(second, '/api/me', { cookie, token: null })
    expect([viaToken.status, viaToken.body.user.username]).toEqual([200, 'fagaiju'])
    expect([viaCookie.status, viaCookie.body.user.username]).toEqual([200, 'fagaiju'])
  })

  test("disabling a user on one process closes that user's sockets on every other process", async () => {
    const [first, second] = cluster.servers as [TestServer, TestServer]
    const board = await createBoard(first, '停用账号')
    const user = await createUser(first, { username: 'shangwuju', password: 'shangwuju-password-1', role: 'editor', units: ['商务局'] })
    const token = await tokenFor(second, 'shangwuju', 'shangwuju-password-1')
    const client = connectClient(second, board.id, { token })
    await client.waitSynced()
    const response = await requestJson(first, `/api/users/${user.id}`, { method: 'PATCH', body: { disabled: true } })
    expect(response.status).toBe(200)
    const close = await client.waitClosed((record) => record.code === CloseCode.unauthorized, 'the socket on the other process to close as signed out')
    expect(close.reason).toBe('账号已停用，登录已失效')
  })

  test('presence set on one process shows on the others and disappears everywhere when its client leaves', async () => {
    const [first, second, third] = cluster.servers as [TestServer, TestServer, TestServer]
    const board = await createBoard(first, '在线状态')
    const present = connectClient(first, board.id)
    const watchers = [connectClient(second, board.id), connectClient(third, board.id)]
    await waitAllSynced([present, ...watchers])
    // Shown under the account's name (the admin is 项目办), not the one the client claims.
    present.provider.awareness.setLocalState({ user: { name: '工信局联络员', color: '#1565c0' }, activity: null })
    const id = present.doc.clientID
    for (const watcher of watchers) {
      await waitFor(() => readPresence(watcher.provider.awareness.getStates().get(id))?.user.name === '项目办', {
        message: `presence of client ${id} to reach ${watcher.provider.url.split('?')[0]}`,
      })
    }
    present.destroy()
    for (const watcher of watchers) {
      await waitFor(() => !watcher.provider.awareness.getStates().has(id), {
        message: `presence of client ${id} to vanish from ${watcher.provider.url.split('?')[0]}`,
      })
    }
  })

  test('concurrent random moves by clients on three processes converge on every client and in storage', async () => {
    await withSeed(fuzzSeed(20250301), async (rng) => {
      const { boardId, clients } = await boardWithClients(`多进程收敛 ${rng.seed}`, cluster.servers, rng)
      const stats = emptyStats()
      await randomEdits(clients, rng, 240, stats)
      await waitConverged(clients, 'after 240 concurrent operations')
      // The fuzzer really worked: many cards changed column, many were reordered and edited.
      expect(stats.stageChanges).toBeGreaterThan(60)
      expect(stats.reorders).toBeGreaterThan(20)
      expect(stats.edits).toBeGreaterThan(30)
      expect(listProjects(clients[0]!.doc)).toHaveLength(PROJECTS)
      await expectStoredEverywhere(cluster.servers, boardId, clients[0]!.doc)
    })
  })

  test('with Redis killed and restarted mid-run, edits still reach every process and all converge', async () => {
    await withSeed(fuzzSeed(777), async (rng) => {
      const [first] = cluster.servers as [TestServer]
      const { boardId, clients } = await boardWithClients(`Redis重启 ${rng.seed}`, cluster.servers, rng)
      const stats = emptyStats()
      await randomEdits(clients, rng, 60, stats)

      await cluster.redis.kill()
      await waitFor(async () => (await fetch(`${first.url}/readyz`)).status === 503, { message: 'readyz to report 503 while Redis is down' })
      // Without Redis the processes still accept edits, and storage carries them across.
      await randomEdits(clients, rng, 60, stats)
      await waitConverged(clients, 'while Redis is down, through storage alone')

      await cluster.redis.launch()
      await waitFor(async () => (await fetch(`${first.url}/readyz`)).status === 200, { message: 'readyz to report 200 once Redis is back' })
      await randomEdits(clients, rng, 60, stats)
      await waitConverged(clients, 'after Redis came back')
      await expectStoredEverywhere(cluster.servers, boardId, clients[0]!.doc)
    })
  })

  test('a process killed with SIGKILL mid-run: its clients move to another and nothing any client held is lost', async () => {
    await withSeed(fuzzSeed(4242), async (rng) => {
      const [first, second, victim] = cluster.servers as [TestServer, TestServer, TestServer]
      const { boardId, clients } = await boardWithClients(`进程崩溃 ${rng.seed}`, cluster.servers, rng)
      const stats = emptyStats()
      await randomEdits(clients, rng, 80, stats)
      // No wait for convergence: the victim dies with changes of its clients still on their way.
      const exit = await victim.kill('SIGKILL')
      expect(exit.signal).toBe('SIGKILL')
      // Everything any client held at the moment of the crash, its own unsent edits included.
      const heldAtCrash = new Map<number, number>()
      for (const client of clients) {
        for (const [clientId, clock] of Y.decodeStateVector(Y.encodeStateVector(client.doc))) {
          heldAtCrash.set(clientId, Math.max(clock, heldAtCrash.get(clientId) ?? 0))
        }
      }
      const orphans = clients.filter((client) => client.provider.url.startsWith(victim.wsUrl))
      expect(orphans).toHaveLength(CLIENTS_PER_PROCESS)
      orphans.forEach((client, i) => moveClientTo(client, i % 2 === 0 ? first : second))
      // Everyone keeps editing while the orphans find their new process.
      await randomEdits(clients, rng, 120, stats)
      await waitAllSynced(clients)
      await waitConverged(clients, 'after the crash').catch((error: Error) => {
        for (const server of [first, second]) console.log(server.output())
        throw error
      })
      expect(missingFrom(clients[0]!.doc, heldAtCrash)).toEqual([])
      await expectStoredEverywhere([first, second], boardId, clients[0]!.doc)

      // The killed process comes back on the same database and serves the same board.
      await victim.restart()
      await expectStoredEverywhere([victim], boardId, clients[0]!.doc)
    })
  })
})

describe('metrics and health of a scaled-out process', () => {
  test('GET /metrics reports connections, loaded boards, updates in and out, persistence and Redis lag', async () => {
    const [first, second] = cluster.servers as [TestServer, TestServer]
    const board = await createBoard(first, '指标')
    const writer = connectClient(first, board.id)
    const reader = connectClient(second, board.id)
    await waitAllSynced([writer, reader])
    seedProjects(writer.doc, 3, new Rng(3))
    await waitFor(() => listProjects(reader.doc).length === 3, { message: 'the reader on the other process to see 3 projects' })

    const text = async (server: TestServer) => (await fetch(`${server.url}/metrics`)).text()
    const value = (body: string, line: RegExp) => Number(line.exec(body)?.[1] ?? Number.NaN)
    const writerMetrics = await text(first)
    expect(value(writerMetrics, /^guatu_updates_in_total\{source="client"\} (\d+)/m)).toBeGreaterThanOrEqual(1)
    expect(value(writerMetrics, /^guatu_persist_seconds_count (\d+)/m)).toBeGreaterThanOrEqual(1)
    expect(value(writerMetrics, /^guatu_connections (\d+)/m)).toBeGreaterThanOrEqual(1)
    expect(value(writerMetrics, /^guatu_boards_loaded (\d+)/m)).toBeGreaterThanOrEqual(1)
    const readerMetrics = await text(second)
    expect(value(readerMetrics, /^guatu_updates_in_total\{source="remote"\} (\d+)/m)).toBeGreaterThanOrEqual(1)
    expect(value(readerMetrics, /^guatu_update_messages_out_total (\d+)/m)).toBeGreaterThanOrEqual(1)
    expect(value(readerMetrics, /^guatu_redis_lag_seconds_count (\d+)/m)).toBeGreaterThanOrEqual(1)
    expect(readerMetrics).toMatch(/^guatu_updates_rejected_total \d+/m)

    const health = await fetch(`${second.url}/healthz`)
    const ready = await requestJson<ReadinessResponse>(second, '/readyz')
    expect(health.status).toBe(200)
    expect(ready.body).toEqual({ status: 'ready', checks: { postgres: true, redis: true, accepting: true } })
  })
})
