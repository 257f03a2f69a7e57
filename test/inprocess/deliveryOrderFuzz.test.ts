import { describe, expect, test } from 'vitest'
import { createProject, deleteProject, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { columnOrder, listProjects } from '@guatu/shared/board/projectQueries'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { ProjectId } from '@guatu/shared/domain/project'
import { isRankKey } from '@guatu/shared/domain/rank'
import { STAGES } from '@guatu/shared/domain/stage'
import { misplacedIds, projectsSnapshot, seedProjects } from '../helpers/board.ts'
import { startInProcessServer, type InProcessServer } from '../helpers/inProcessServer.ts'
import { MemorySyncHarness, type MemoryClient } from '../helpers/memorySync.ts'
import { fuzzSeed, Rng, withSeed } from '../helpers/prng.ts'
import { createBoard, fetchBoard } from '../helpers/rest.ts'

interface Plan {
  clients: number
  projects: number
  operations: number
}

interface Outcome {
  /** Every delivery in order (MemorySyncHarness.trace). */
  trace: string[]
  /** The board every client ended with (they must all agree). */
  snapshot: string
  /** Operations that ran, by kind: the run did what it claims to. */
  counts: Counts
}

interface Counts {
  moves: number
  edits: number
  creates: number
  deletes: number
  disconnects: number
  reconnects: number
  deliveries: number
}

/**
 * Random commands on random clients while the harness delivers a random few of the messages in
 * flight between them, in an order the seed decides: a card moved by one client while another's
 * edit of it is still on the way, a delete crossing a move, a client that goes offline with
 * unsent changes and comes back. Everything comes from `rng`, so a seed is a whole run.
 */
async function runFuzz(server: InProcessServer, rng: Rng, plan: Plan): Promise<Outcome> {
  const board = await createBoard(server, `投递顺序 ${rng.seed}`)
  const harness = new MemorySyncHarness(server.listening.assembled, rng)
  const clients: MemoryClient[] = []
  for (let i = 0; i < plan.clients; i++) clients.push(harness.connectClient(board.id, server.adminToken, `c${i}`))
  await harness.deliverAll()
  seedProjects((clients[0] as MemoryClient).doc, plan.projects, rng, '测试项目', () => seededProjectId(rng))
  await harness.deliverAll()

  const counts: Counts = { moves: 0, edits: 0, creates: 0, deletes: 0, disconnects: 0, reconnects: 0, deliveries: 0 }
  for (let op = 0; op < plan.operations; op++) {
    const client = rng.pick(clients)
    const { doc, provider } = client
    const projects = listProjects(doc)
    const roll = rng.next()
    if (roll < 0.05) {
      // Offline work: changes pile up unsent until the reconnect's sync exchange carries them.
      if (provider.shouldConnect && clients.filter((c) => c.provider.shouldConnect).length > 1) {
        provider.disconnect()
        counts.disconnects++
      } else if (!provider.shouldConnect && provider.ws === null) {
        provider.connect()
        counts.reconnects++
      }
    } else if (roll < 0.09) {
      createProject(doc, { name: `新增项目${op}`, stage: rng.pick(STAGES), unit: '商务局' }, { id: seededProjectId(rng) })
      counts.creates++
    } else if (roll < 0.11 && projects.length > plan.projects / 2) {
      deleteProject(doc, rng.pick(projects).id)
      counts.deletes++
    } else if (roll < 0.7 && projects.length > 0) {
      const project = rng.pick(projects)
      const stage = rng.chance(0.6) ? rng.pick(STAGES.filter((s) => s !== project.stage)) : project.stage
      const column = columnOrder(doc, stage).filter((card) => card.id !== project.id)
      if (column.some((card) => !isRankKey(card.rank))) throw new Error(`a card without a readable rank in ${stage} at operation ${op}`)
      const neighbour = column.length > 0 && rng.chance(0.7) ? rng.pick(column) : undefined
      moveProject(doc, project.id, neighbour ? (rng.chance(0.5) ? { stage, afterId: neighbour.id } : { stage, beforeId: neighbour.id }) : { stage })
      counts.moves++
    } else if (projects.length > 0) {
      const project = rng.pick(projects)
      if (rng.chance(0.5)) updateProject(doc, project.id, { progressNote: `第${op}次更新：主体施工${rng.int(100)}%` })
      else updateProject(doc, project.id, { completedInvestment: String(rng.int(100_000)) as WanAmount })
      counts.edits++
    }
    // Some of what is in flight arrives now, the rest later and in another order.
    await harness.deliverSome(rng.int(6))
  }

  // Let every close arrive before reconnecting, so no provider schedules a reconnect of its own.
  await harness.deliverAll()
  for (const client of clients) {
    if (!client.provider.shouldConnect) {
      client.provider.connect()
      counts.reconnects++
    }
  }
  await harness.deliverAll()
  counts.deliveries = harness.trace.length

  const snapshots = clients.map((client) => projectsSnapshot(client.doc))
  for (const [index, snapshot] of snapshots.entries()) {
    expect(snapshot, `client c${index} converged with c0`).toBe(snapshots[0])
    expect(misplacedIds((clients[index] as MemoryClient).doc), `c${index}: cards with an unknown stage or unreadable rank`).toEqual([])
  }
  // What the clients agree on is what the server stored: a newcomer loads it from SQLite.
  const stored = await fetchBoard(server, board.id)
  const agreed = listProjects((clients[0] as MemoryClient).doc)
  expect(stored.projects.map((p) => `${p.id}:${p.stage}`).sort()).toEqual(agreed.map((p) => `${p.id}:${p.stage}`).sort())
  await harness.closeAll()
  return { trace: harness.trace, snapshot: snapshots[0] as string, counts }
}

/** A project id from the run's PRNG: which card a step picks must not depend on crypto's ids. */
function seededProjectId(rng: Rng): ProjectId {
  let hex = ''
  for (let i = 0; i < 20; i++) hex += rng.int(16).toString(16)
  return `p_${hex}` as ProjectId
}

/** The board without its clock-dependent fields. */
function boardContent(snapshot: string): string[] {
  const projects = JSON.parse(snapshot) as Array<Record<string, unknown>>
  return projects.map(({ updatedAt: _updatedAt, ...rest }) => JSON.stringify(rest))
}

const PLAN: Plan = { clients: 4, projects: 24, operations: 250 }

describe('convergence under a seeded delivery order (in-memory sockets, real sync server and SQLite)', () => {
  test.each([fuzzSeed(20261206), 7, 4242])(
    'seed %i: clients editing, moving, creating, deleting and going offline while messages arrive in any order all end with the board the server stored',
    async (seed) => {
      const server = await startInProcessServer()
      const { counts } = await withSeed(seed, (rng) => runFuzz(server, rng, PLAN))
      // The run exercised what it is about, not an empty board.
      expect(counts.moves).toBeGreaterThan(50)
      expect(counts.edits + counts.creates + counts.deletes).toBeGreaterThan(20)
      expect(counts.disconnects).toBeGreaterThan(0)
      expect(counts.deliveries).toBeGreaterThan(PLAN.operations / 2)
    },
  )

  test('a seed replays exactly: the same deliveries in the same order and the same board; another seed delivers otherwise', async () => {
    const seed = fuzzSeed(99)
    const plan: Plan = { clients: 3, projects: 12, operations: 120 }
    const first = await withSeed(seed, async (rng) => runFuzz(await startInProcessServer(), rng, plan))
    const replay = await withSeed(seed, async (rng) => runFuzz(await startInProcessServer(), rng, plan))
    expect(replay.trace.length).toBe(first.trace.length)
    expect(replay.trace).toEqual(first.trace)
    expect(boardContent(replay.snapshot)).toEqual(boardContent(first.snapshot))
    const other = await withSeed(seed + 1, async (rng) => runFuzz(await startInProcessServer(), rng, plan))
    expect(other.trace).not.toEqual(first.trace)
  })
})
