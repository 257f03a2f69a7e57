import { describe, expect, test } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { projectsRoot } from '@guatu/shared/board/boardDoc'
import { createProjects, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import type { WanAmount } from '@guatu/shared/domain/money'
import { projectFieldsSchema, type ProjectId } from '@guatu/shared/domain/project'
import { STAGES } from '@guatu/shared/domain/stage'
import { readPresence } from '@guatu/shared/sync/presence'
import { SyncParam } from '@guatu/shared/sync/protocol'
import { projectsSnapshot, sortById } from '../helpers/board.ts'
import { deferCleanup } from '../helpers/cleanup.ts'
import { connectClient, waitAllSynced, waitForDoc, type TestClient } from '../helpers/client.ts'
import { MutationKind, mutateMessage } from '../helpers/messageMutator.ts'
import { fuzzSeed, Rng, withSeed } from '../helpers/prng.ts'
import { openRawSyncSocket, type RawSyncSocket } from '../helpers/rawSocket.ts'
import { createBoard, fetchBoard, fetchHistory } from '../helpers/rest.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/wait.ts'

const MESSAGES = 10_000
const SOCKETS_PER_BOARD = 3
/** Small batches: a malformed message closes the socket, and what follows it on that socket is never read. */
const BATCH = 8
const PROJECTS_PER_BOARD = 12

/** Every frame a stock y-websocket client sends and receives while it moves and edits cards. */
async function captureTraffic(server: TestServer, boardId: string, ids: readonly ProjectId[], rng: Rng): Promise<Uint8Array[]> {
  const corpus: Uint8Array[] = []
  class RecordingSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols)
      this.on('message', (data: Buffer) => corpus.push(Uint8Array.from(data)))
    }
    override send(data: Uint8Array): void {
      corpus.push(Uint8Array.from(data))
      super.send(data)
    }
  }
  const doc = new Y.Doc()
  doc.clientID = 1_000_000 + rng.int(1_000_000)
  const provider = new WebsocketProvider(server.wsUrl, boardId, doc, {
    WebSocketPolyfill: RecordingSocket as unknown as typeof globalThis.WebSocket,
    params: { [SyncParam.token]: server.adminToken },
    disableBc: true,
  })
  let open = true
  const close = () => {
    if (!open) return
    open = false
    provider.destroy()
    doc.destroy()
  }
  deferCleanup(close)
  provider.awareness.setLocalStateField('user', { name: '录制客户端', color: '#16a085' })
  await waitFor(() => provider.synced, { message: 'the recording client to sync' })
  for (let i = 0; i < 30; i++) {
    const id = rng.pick(ids)
    if (rng.chance(0.6)) moveProject(doc, id, { stage: rng.pick(STAGES) })
    else updateProject(doc, id, { progressNote: `录制第${i}次`, completedInvestment: String(rng.int(9000)) as WanAmount })
  }
  const watcher = connectClient(server, boardId)
  await waitForDoc(watcher.doc, (other) => projectsSnapshot(other) === projectsSnapshot(doc), { message: 'the recorded edits to be stored' })
  watcher.destroy()
  // Gone before the fuzz: a replayed copy of its own edits would make Yjs give its document a new
  // client id, and y-websocket's destroy then fails looking up presence under that new id.
  close()
  return corpus
}

interface FuzzStats {
  sent: number
  closes: Map<number, number>
  denials: number
  kinds: Map<MutationKind, number>
}

/** Sends MESSAGES mutated messages over several admin sockets, reopening any the server closes. */
async function fuzz(
  server: TestServer,
  boardIds: readonly string[],
  corpus: readonly Uint8Array[],
  rng: Rng,
  onBatch: () => Promise<void>,
): Promise<FuzzStats> {
  const stats: FuzzStats = { sent: 0, closes: new Map(), denials: 0, kinds: new Map() }
  const open = (boardId: string) => openRawSyncSocket(server, boardId)
  const slots: { boardId: string; socket: RawSyncSocket }[] = []
  for (const boardId of boardIds) for (let i = 0; i < SOCKETS_PER_BOARD; i++) slots.push({ boardId, socket: await open(boardId) })

  let batches = 0
  while (stats.sent < MESSAGES) {
    const slot = rng.pick(slots)
    for (let i = 0; i < BATCH && slot.socket.open; i++) {
      const { kind, bytes } = mutateMessage(rng, corpus)
      slot.socket.sendRaw(bytes)
      stats.sent++
      stats.kinds.set(kind, (stats.kinds.get(kind) ?? 0) + 1)
    }
    if ((await slot.socket.roundTripOrClose()) === 'closed') {
      const { code } = await slot.socket.waitClosed('the closing socket to report its close code')
      stats.closes.set(code, (stats.closes.get(code) ?? 0) + 1)
      stats.denials += slot.socket.deniedReasons().length
      slot.socket.close()
      slot.socket = await open(slot.boardId)
    }
    if (++batches % 100 === 0) await onBatch()
  }
  for (const slot of slots) stats.denials += slot.socket.deniedReasons().length
  return stats
}

/**
 * The fuzzing sockets are the project office's, which may delete and create projects: a mutated
 * message can be a well-formed deletion. A board is intact when every project that is gone, or
 * new, got there through an accepted change that the history records.
 */
async function expectProjectChangesRecorded(server: TestServer, boardId: string, seeded: readonly ProjectId[], present: readonly string[]): Promise<number> {
  const gone = seeded.filter((id) => !present.includes(id))
  const added = present.filter((id) => !seeded.includes(id as ProjectId))
  for (const [id, action] of [...gone.map((id) => [id, 'delete'] as const), ...added.map((id) => [id, 'create'] as const)]) {
    const actions = (await fetchHistory(server, boardId, { projectId: id })).map((entry) => entry.action)
    expect(actions, `history of ${id}, which the fuzz ${action === 'delete' ? 'removed' : 'added'}`).toContain(action)
  }
  return gone.length + added.length
}

/** Problems with a board document: projects that do not pass the full record schema, read raw. */
function invalidProjects(doc: Y.Doc): string[] {
  const problems: string[] = []
  projectsRoot(doc).forEach((map, id) => {
    const value: unknown = map instanceof Y.Map ? map.toJSON() : map
    const parsed = projectFieldsSchema.safeParse(value)
    if (!parsed.success) problems.push(`${id}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`)
  })
  return problems
}

describe('hostile messages', () => {
  test('ten thousand mutated y-websocket messages leave the server up, other clients syncing and every board intact', async () => {
    const server = await startServer({
      // The fuzzer is meant to reach the decoder and validator, not the rate limiter.
      env: { GUATU_MESSAGES_PER_SECOND: '1000000', GUATU_MESSAGE_BURST: '1000000', GUATU_MAX_CONNECTIONS_PER_USER: '200', GUATU_LOG_LEVEL: 'error' },
    })
    await withSeed(fuzzSeed(31_337), async (rng) => {
      const boards = [await createBoard(server, '模糊测试甲'), await createBoard(server, '模糊测试乙')]
      const idsByBoard = new Map<string, ProjectId[]>()
      for (const board of boards) {
        const seeder = connectClient(server, board.id, { doc: Object.assign(new Y.Doc(), { clientID: 1 + rng.int(1000) }) })
        await seeder.waitSynced()
        const ids = createProjects(
          seeder.doc,
          Array.from({ length: PROJECTS_PER_BOARD }, (_, i) => ({
            id: `p_fuzz${board.id.slice(0, 6)}${String(i).padStart(4, '0')}` as ProjectId,
            fields: { name: `模糊测试项目${i + 1}`, stage: STAGES[i % STAGES.length], unit: '发改局', totalInvestment: String(1000 * (i + 1)) as WanAmount },
          })),
        )
        idsByBoard.set(board.id, ids)
        const check = connectClient(server, board.id)
        await waitForDoc(check.doc, (doc) => listProjects(doc).length === PROJECTS_PER_BOARD, { message: 'the seeded projects to be stored' })
        check.destroy()
        seeder.destroy()
      }
      const [first] = boards as [(typeof boards)[number]]
      const corpus = await captureTraffic(server, first.id, idsByBoard.get(first.id) as ProjectId[], rng)
      expect(corpus.length).toBeGreaterThan(20)

      // Honest clients on the fuzzed board keep moving cards and seeing each other's moves.
      const mover = connectClient(server, first.id)
      const watcher = connectClient(server, first.id)
      await waitAllSynced([mover, watcher])
      let honestMoves = 0
      const honestMove = async () => {
        const id = rng.pick(listProjects(mover.doc).map((p) => p.id))
        const stage = rng.pick(STAGES.filter((s) => s !== readProject(mover.doc, id)?.stage))
        moveProject(mover.doc, id, { stage })
        await waitForDoc(watcher.doc, (doc) => readProject(doc, id)?.stage === stage, {
          message: `the watcher to see honest move ${honestMoves + 1} during the fuzz`,
        })
        honestMoves++
      }

      const stats = await fuzz(
        server,
        boards.map((b) => b.id),
        corpus,
        rng,
        honestMove,
      )
      const summary = `sent ${stats.sent}, closes ${JSON.stringify([...stats.closes])}, denials ${stats.denials}, kinds ${JSON.stringify([...stats.kinds])}`
      console.info(`message fuzz: ${summary}`)
      expect(stats.sent).toBeGreaterThanOrEqual(MESSAGES)
      expect(stats.kinds.size, summary).toBe(Object.keys(MutationKind).length)
      // The fuzzer must have reached the server's decoder and validator, not just the wire.
      expect([...stats.closes.values()].reduce((a, b) => a + b, 0) + stats.denials, summary).toBeGreaterThan(0)
      expect(server.exited).toBe(false)
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
      await honestMove()
      expect(honestMoves).toBeGreaterThan(0)
      expect([mover, watcher].flatMap((client: TestClient) => client.deniedReasons)).toEqual([])
      // Hostile presence reached nobody: every state an honest client shows is a valid presence
      // under the name of the account behind it (all fuzzing sockets are the project office's).
      const shownStates = [...watcher.provider.awareness.getStates()].filter(([id]) => id !== watcher.doc.clientID)
      expect(
        shownStates.filter(([, state]) => readPresence(state)?.user.name !== '项目办'),
        'presence an honest client shows',
      ).toEqual([])

      const seen = new Map<string, string>()
      for (const board of boards) {
        const fresh = connectClient(server, board.id)
        await fresh.waitSynced()
        const present = listProjects(fresh.doc).map((p) => p.id)
        const changed = await expectProjectChangesRecorded(server, board.id, idsByBoard.get(board.id) as ProjectId[], present)
        if (changed > 0) console.info(`message fuzz: ${changed} projects of ${board.name} deleted or added, as the history records`)
        expect(invalidProjects(fresh.doc), `invalid projects on ${board.name}`).toEqual([])
        // Yjs parks structs whose neighbours are missing and hands them to every new client: the
        // server must have refused or held all of those.
        expect(fresh.doc.store.pendingStructs, `structs parked on ${board.name}`).toBeNull()
        expect(fresh.doc.store.pendingDs, `deletions parked on ${board.name}`).toBeNull()
        const { projects } = await fetchBoard(server, board.id)
        expect(JSON.stringify(sortById(projects))).toBe(projectsSnapshot(fresh.doc))
        seen.set(board.id, projectsSnapshot(fresh.doc))
        fresh.destroy()
      }
      await waitForDoc(watcher.doc, (doc) => projectsSnapshot(doc) === seen.get(first.id), { message: 'the watcher to hold what a fresh client holds' })

      await server.kill('SIGKILL')
      await server.restart()
      for (const board of boards) {
        const fresh = connectClient(server, board.id)
        await fresh.waitSynced()
        expect(projectsSnapshot(fresh.doc), `${board.name} after a crash and restart`).toBe(seen.get(board.id))
        expect(invalidProjects(fresh.doc)).toEqual([])
      }
    })
  })
})
