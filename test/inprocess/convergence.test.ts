import * as decoding from 'lib0/decoding'
import { describe, expect, test } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { projectsRoot } from '@guatu/shared/board/boardDoc'
import { createProject, deleteProject, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { columnOrder, listProjects, readProject } from '@guatu/shared/board/projectQueries'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { ProjectId } from '@guatu/shared/domain/project'
import { isRankKey } from '@guatu/shared/domain/rank'
import { isStage, STAGES } from '@guatu/shared/domain/stage'
import { columnIds, misplacedIds, projectsSnapshot, seedProjects, sortById, stateVectorKey } from '../helpers/board.ts'
import { connectClient, waitAllSynced, waitForDoc, type TestClient } from '../helpers/client.ts'
import { fuzzSeed, Rng, withSeed } from '../helpers/prng.ts'
import { captureUpdate, openRawSyncSocket, type RawFrame, type RawSyncSocket } from '../helpers/rawSocket.ts'
import { createBoard, fetchBoard } from '../helpers/rest.ts'
import { type TestServer } from '../helpers/server.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import { waitFor, yieldToEventLoop } from '../helpers/wait.ts'

interface FuzzStats {
  stageChanges: number
  reorders: number
  edits: number
  creates: number
  deletes: number
  disconnects: number
  reconnects: number
  /** Moves not attempted because the target column held a card without a readable rank. */
  movesBlockedByUnreadableRank: number
}

interface FuzzPlan {
  clients: number
  projects: number
  operations: number
}

/**
 * Runs random commands on random clients against one real server. Clients interleave with the
 * network (the event loop runs between batches), some work while disconnected and catch up on
 * reconnect, so the server sees concurrent moves of the same card, edits of moved cards and
 * moves of deleted cards.
 */
async function runFuzz(server: TestServer, rng: Rng, plan: FuzzPlan): Promise<{ clients: TestClient[]; stats: FuzzStats; violations: string[] }> {
  const board = await createBoard(server, `收敛测试 ${rng.seed}`)
  const seeder = connectClient(server, board.id)
  await seeder.waitSynced()
  seedProjects(seeder.doc, plan.projects, rng)

  const clients = [seeder]
  for (let i = 1; i < plan.clients; i++) clients.push(connectClient(server, board.id))
  await waitAllSynced(clients)
  await waitFor(() => clients.every((client) => listProjects(client.doc).length === plan.projects), {
    message: `every client to load the ${plan.projects} seeded projects`,
    describe: () => clients.map((client) => listProjects(client.doc).length).join(', '),
  })

  const stats: FuzzStats = {
    stageChanges: 0,
    reorders: 0,
    edits: 0,
    creates: 0,
    deletes: 0,
    disconnects: 0,
    reconnects: 0,
    movesBlockedByUnreadableRank: 0,
  }
  const violations = watchInvariants(clients)
  const connected = clients.map(() => true)
  for (let op = 0; op < plan.operations; op++) {
    const index = rng.int(clients.length)
    const client = clients[index] as TestClient
    const doc = client.doc
    const projects = listProjects(doc)
    const roll = rng.next()
    if (roll < 0.04) {
      // Keep at least one client online so the server always has someone to relay to.
      if (connected[index] && connected.filter(Boolean).length > 1) {
        client.disconnect()
        connected[index] = false
        stats.disconnects++
      } else if (!connected[index]) {
        client.connect()
        connected[index] = true
        stats.reconnects++
      }
    } else if (roll < 0.07) {
      createProject(doc, { name: `新增项目${op}`, stage: rng.pick(STAGES), unit: '商务局' })
      stats.creates++
    } else if (roll < 0.09 && projects.length > plan.projects / 2) {
      deleteProject(doc, rng.pick(projects).id)
      stats.deletes++
    } else if (roll < 0.7 && projects.length > 0) {
      const project = rng.pick(projects)
      const stage = rng.chance(0.6) ? rng.pick(STAGES.filter((s) => s !== project.stage)) : project.stage
      const column = columnOrder(doc, stage).filter((card) => card.id !== project.id)
      if (column.some((card) => !isRankKey(card.rank))) {
        // Recorded by watchInvariants; moving here would throw inside rankAt and end the run.
        stats.movesBlockedByUnreadableRank++
        continue
      }
      const neighbour = column.length > 0 && rng.chance(0.7) ? rng.pick(column) : undefined
      const placement = neighbour ? (rng.chance(0.5) ? { stage, afterId: neighbour.id } : { stage, beforeId: neighbour.id }) : { stage }
      moveProject(doc, project.id, placement)
      if (stage !== project.stage) stats.stageChanges++
      else stats.reorders++
    } else if (projects.length > 0) {
      const project = rng.pick(projects)
      if (rng.chance(0.5)) {
        updateProject(doc, project.id, { progressNote: `第${op}次更新：主体施工${rng.int(100)}%` })
      } else {
        updateProject(doc, project.id, { completedInvestment: String(rng.int(100_000)) as WanAmount })
      }
      stats.edits++
    }
    // Let socket traffic interleave with the next operations every few steps.
    if (rng.chance(0.3)) await yieldToEventLoop()
  }

  for (const [index, client] of clients.entries()) {
    if (!connected[index]) {
      client.connect()
      stats.reconnects++
    }
  }
  await waitAllSynced(clients, 30_000)
  return { clients, stats, violations }
}

/**
 * Checks every client after every remote transaction: each card must have a readable stage and
 * rank at every moment, not just at the end. A card without a rank cannot be ordered, and the
 * shared move command fails for its whole column while it lasts. Returns the list of violations,
 * filled as the run goes (the first few only).
 */
function watchInvariants(clients: readonly TestClient[]): string[] {
  const violations: string[] = []
  for (const [index, client] of clients.entries()) {
    client.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.local || violations.length >= 5) return
      // Raw reads on purpose: readProject would hide a missing value behind its default.
      projectsRoot(client.doc).forEach((map, id) => {
        if (!isRankKey(map.get('rank')) || !isStage(map.get('stage'))) {
          violations.push(
            `client ${index} held card ${id} with stage ${JSON.stringify(map.get('stage'))} and rank ${JSON.stringify(map.get('rank'))} after a remote update` +
              (client.provider.synced ? '' : ' received before its SyncStep2 (while reconnecting)'),
          )
        }
      })
    })
  }
  return violations
}

async function expectConverged(clients: readonly TestClient[]): Promise<void> {
  await waitFor(
    () => {
      const vector = stateVectorKey((clients[0] as TestClient).doc)
      const snapshot = projectsSnapshot((clients[0] as TestClient).doc)
      return clients.every((client) => stateVectorKey(client.doc) === vector && projectsSnapshot(client.doc) === snapshot)
    },
    {
      timeoutMs: 30_000,
      message: 'every client to hold the same document',
      describe: () =>
        clients.map((client, i) => `client ${i}: ${listProjects(client.doc).length} projects, state vector ${stateVectorKey(client.doc)}`).join('\n'),
    },
  )
  const reference = (clients[0] as TestClient).doc
  for (const client of clients) {
    expect(Y.encodeStateVector(client.doc)).toEqual(Y.encodeStateVector(reference))
    expect(projectsSnapshot(client.doc)).toBe(projectsSnapshot(reference))
    expect(columnIds(client.doc)).toEqual(columnIds(reference))
    expect(misplacedIds(client.doc)).toEqual([])
  }
}

function expectNoRejections(clients: readonly TestClient[]): void {
  const rejected = clients.flatMap((client, i) => client.deniedReasons.map((reason) => `client ${i}: ${reason}`))
  expect(rejected, 'valid commands must never be rejected by the server').toEqual([])
}

async function expectLateJoinerAndServerAgree(server: TestServer, boardId: string, clients: readonly TestClient[]) {
  const reference = (clients[0] as TestClient).doc
  const lateJoiner = connectClient(server, boardId)
  await lateJoiner.waitSynced()
  expect(projectsSnapshot(lateJoiner.doc)).toBe(projectsSnapshot(reference))
  expect(columnIds(lateJoiner.doc)).toEqual(columnIds(reference))

  const { projects } = await fetchBoard(server, boardId)
  expect(JSON.stringify(sortById(projects))).toBe(projectsSnapshot(reference))
}

describe('concurrent editing through the real server', () => {
  test('two clients moving and editing the same cards at random end with identical boards', async () => {
    const server = await startInProcessServer()
    await withSeed(fuzzSeed(20250101), async (rng) => {
      const { clients, stats, violations } = await runFuzz(server, rng, { clients: 2, projects: 24, operations: 400 })
      await expectConverged(clients)
      expect(violations, 'no client may ever hold a card without a readable stage and rank').toEqual([])
      expectNoRejections(clients)
      expect(stats.stageChanges).toBeGreaterThanOrEqual(80)
      expect(stats.disconnects).toBeGreaterThan(0)
      const boardId = (clients[0] as TestClient).provider.roomname
      await expectLateJoinerAndServerAgree(server, boardId, clients)
    })
  })

  test('ten clients with random disconnects agree on every card, column and count', async () => {
    const server = await startInProcessServer()
    await withSeed(fuzzSeed(7_654_321), async (rng) => {
      const { clients, stats, violations } = await runFuzz(server, rng, { clients: 10, projects: 40, operations: 1200 })
      await expectConverged(clients)
      expect(violations, 'no client may ever hold a card without a readable stage and rank').toEqual([])
      expectNoRejections(clients)
      expect(stats.stageChanges).toBeGreaterThanOrEqual(250)
      expect(stats.disconnects).toBeGreaterThanOrEqual(5)
      expect(stats.deletes + stats.creates).toBeGreaterThan(0)

      const reference = (clients[0] as TestClient).doc
      const counts = Object.fromEntries(Object.entries(columnIds(reference)).map(([stage, ids]) => [stage, ids.length]))
      for (const client of clients) {
        const clientCounts = Object.fromEntries(Object.entries(columnIds(client.doc)).map(([stage, ids]) => [stage, ids.length]))
        expect(clientCounts).toEqual(counts)
      }
      // The fuzzer must leave cards in more than one column, or "identical" proves little.
      expect(Object.values(counts).filter((count) => count > 0).length).toBeGreaterThanOrEqual(3)

      const boardId = (clients[0] as TestClient).provider.roomname
      await expectLateJoinerAndServerAgree(server, boardId, clients)
    })
  })

  test('a client that edits offline and again the moment it reconnects is never refused and loses nothing', async () => {
    const server = await startInProcessServer()
    const board = await createBoard(server, '重连编辑')
    const laptop = connectClient(server, board.id)
    const screen = connectClient(server, board.id)
    await waitAllSynced([laptop, screen])
    const ids = seedProjects(laptop.doc, 4, new Rng(11))
    await waitForDoc(screen.doc, (doc) => listProjects(doc).length === 4, { message: 'the screen to see the cards' })

    laptop.disconnect()
    updateProject(laptop.doc, ids[0] as ProjectId, { progressNote: '断网时填写' })
    // The socket is open but the server's SyncStep1 has not arrived yet: y-websocket sends this
    // edit as a plain update, ahead of the SyncStep2 that carries the offline edit above.
    const onConnected = ({ status }: { status: string }) => {
      if (status === 'connected') updateProject(laptop.doc, ids[1] as ProjectId, { progressNote: '刚连上就填写' })
    }
    laptop.provider.on('status', onConnected)
    laptop.connect()
    await waitForDoc(
      screen.doc,
      (doc) => readProject(doc, ids[0] as ProjectId)?.progressNote === '断网时填写' && readProject(doc, ids[1] as ProjectId)?.progressNote === '刚连上就填写',
      { message: 'the screen to see both edits' },
    )
    laptop.provider.off('status', onConnected)
    expect(laptop.deniedReasons).toEqual([])
  })

  test('a card moved by two clients at once ends in exactly one column on both', async () => {
    const server = await startInProcessServer()
    const board = await createBoard(server, '同时拖动')
    const alice = connectClient(server, board.id)
    const bob = connectClient(server, board.id)
    await waitAllSynced([alice, bob])
    const id: ProjectId = createProject(alice.doc, { name: '光伏组件厂', stage: 'signed', unit: '工信局' })
    await waitFor(() => readProject(bob.doc, id) !== undefined, { message: 'bob to see the new card' })

    // Both move the card while offline from each other's point of view, then reconnect.
    alice.disconnect()
    bob.disconnect()
    moveProject(alice.doc, id, { stage: 'started' })
    moveProject(bob.doc, id, { stage: 'producing' })
    alice.connect()
    bob.connect()
    await waitAllSynced([alice, bob])
    await expectConverged([alice, bob])

    const stage = readProject(alice.doc, id)?.stage
    expect(['started', 'producing']).toContain(stage)
    const columns = columnIds(bob.doc)
    expect(STAGES.filter((s) => columns[s].includes(id))).toEqual([stage])
  })

  test("an edit built on another tab's edit that the server has not received waits for it, then reaches everyone", async () => {
    const { server, board, client: watcher, id } = await boardWithOneSavedProject('两个标签页', 5)
    const [tabA, tabB] = (await openSyncedRawSockets(server, board.id, 2)) as [RawSyncSocket, RawSyncSocket]

    // Tabs of one browser share edits directly: tab B builds on tab A's edit before A's socket sends it.
    const fromA = captureUpdate(tabA.doc, () => updateProject(tabA.doc, id, { progressNote: '甲页填写的进展' }))
    Y.applyUpdate(tabB.doc, fromA)
    const fromB = captureUpdate(tabB.doc, () => updateProject(tabB.doc, id, { progressNote: '乙页改过的进展' }))
    tabB.sendUpdate(fromB)
    await tabB.roundTrip()
    expect(readProject(watcher.doc, id)?.progressNote).not.toBe('乙页改过的进展')

    // A's edit completes B's: the server applies the held one without waiting for B to send again.
    tabA.sendUpdate(fromA)
    await waitForDoc(watcher.doc, (doc) => readProject(doc, id)?.progressNote === '乙页改过的进展', { message: "tab B's edit to reach the other clients" })
    expect([...tabA.deniedReasons(), ...tabB.deniedReasons(), ...watcher.deniedReasons]).toEqual([])
    tabA.close()
    tabB.close()
  })

  test('updates committed together reach each client as separate messages, and never return to their sender', async () => {
    const { server, board, id } = await boardWithOneSavedProject('同批提交', 6)
    const [tabA, tabB, watcher] = (await openSyncedRawSockets(server, board.id, 3)) as [RawSyncSocket, RawSyncSocket, RawSyncSocket]
    const updatesSoFar = (socket: RawSyncSocket) => socket.frames.filter((frame) => frame.syncType === syncProtocol.messageYjsUpdate).length
    const [fromA0, fromB0, watcher0] = [updatesSoFar(tabA), updatesSoFar(tabB), updatesSoFar(watcher)]

    // B's edit waits for A's; A's arrival completes it, so the server commits both in one batch.
    const fromA = captureUpdate(tabA.doc, () => updateProject(tabA.doc, id, { progressNote: '甲页填写的进展' }))
    Y.applyUpdate(tabB.doc, fromA)
    const fromB = captureUpdate(tabB.doc, () => updateProject(tabB.doc, id, { progressNote: '乙页改过的进展' }))
    tabB.sendUpdate(fromB)
    await tabB.roundTrip()
    tabA.sendUpdate(fromA)
    await waitFor(() => readProject(watcher.doc, id)?.progressNote === '乙页改过的进展', { message: 'both edits to reach the watcher' })
    await Promise.all([tabA.roundTrip(), tabB.roundTrip()])

    const clientOf = (frame: RawFrame) => [...Y.parseUpdateMeta(updateOf(frame)).to.keys()]
    const received = (socket: RawSyncSocket, since: number) =>
      socket.frames
        .filter((frame) => frame.syncType === syncProtocol.messageYjsUpdate)
        .slice(since)
        .map(clientOf)
    expect(received(watcher, watcher0)).toEqual([[tabA.doc.clientID], [tabB.doc.clientID]])
    expect(received(tabA, fromA0)).toEqual([[tabB.doc.clientID]])
    expect(received(tabB, fromB0)).toEqual([[tabA.doc.clientID]])
    expect([...tabA.deniedReasons(), ...tabB.deniedReasons(), ...watcher.deniedReasons()]).toEqual([])
  })
})

/** A fresh server and board with one project, stored; `client` (with acks) seeded it. */
async function boardWithOneSavedProject(name: string, seed: number) {
  const server = await startInProcessServer()
  const board = await createBoard(server, name)
  const client = connectClient(server, board.id, { acks: true })
  await client.waitSynced()
  const [id] = seedProjects(client.doc, 1, new Rng(seed)) as [ProjectId]
  await client.waitSaved()
  return { server, board, client, id }
}

/** `count` raw sockets on the board, each past its first round trip. */
async function openSyncedRawSockets(server: TestServer, boardId: string, count: number): Promise<RawSyncSocket[]> {
  const sockets: RawSyncSocket[] = []
  for (let i = 0; i < count; i++) sockets.push(await openRawSyncSocket(server, boardId))
  await Promise.all(sockets.map((socket) => socket.roundTrip()))
  return sockets
}

/** The Yjs update a sync-update frame carries. */
function updateOf(frame: RawFrame): Uint8Array {
  const decoder = decoding.createDecoder(frame.bytes)
  decoding.readVarUint(decoder)
  decoding.readVarUint(decoder)
  return decoding.readVarUint8Array(decoder)
}
