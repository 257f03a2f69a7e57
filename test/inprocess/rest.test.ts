import { describe, expect, test } from 'vitest'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import type { ProjectId } from '@guatu/shared/domain/project'
import { MessageType } from '@guatu/shared/sync/protocol'
import { seedProjects } from '../helpers/board.ts'
import { connectClient, waitAllSynced, waitForDoc } from '../helpers/client.ts'
import { Rng } from '../helpers/prng.ts'
import { openRawSyncSocket, type RawSyncSocket } from '../helpers/rawSocket.ts'
import { createBoard, fetchBoard, listBoards, requestJson } from '../helpers/rest.ts'
import { type TestServer } from '../helpers/server.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import type { BoardResponse } from '@guatu/shared/api/boards'

const CHINESE = /[\u4e00-\u9fff]/
const STANDARD_MESSAGE_TYPES: number[] = [MessageType.sync, MessageType.awareness, MessageType.auth, MessageType.queryAwareness]

describe('health and board REST API', () => {
  test('health and readiness answer 200 once the server listens', async () => {
    const server = await startInProcessServer()
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200)
  })

  test('a created board is listed with its project count and can be fetched with its projects', async () => {
    const server = await startInProcessServer()
    const created = await requestJson<BoardResponse>(server, '/api/boards', {
      body: { name: '2025年重点项目', year: 2025 },
    })
    expect(created.status).toBe(201)
    expect(created.contentType).toContain('application/json')
    const board = created.body.board
    expect(board).toMatchObject({ name: '2025年重点项目', year: 2025 })
    expect(typeof board.id).toBe('string')

    expect(await listBoards(server)).toEqual([{ id: board.id, name: '2025年重点项目', year: 2025, projectCount: 0 }])
    expect(await fetchBoard(server, board.id)).toMatchObject({ board: { id: board.id, name: '2025年重点项目', year: 2025 }, projects: [] })

    const editor = connectClient(server, board.id)
    const watcher = connectClient(server, board.id)
    await waitAllSynced([editor, watcher])
    const ids = seedProjects(editor.doc, 7, new Rng(3))
    await waitForDoc(watcher.doc, (doc) => listProjects(doc).length === 7, { message: 'the watcher to see 7 projects' })

    expect((await listBoards(server)).find((b) => b.id === board.id)?.projectCount).toBe(7)
    const { projects } = await fetchBoard(server, board.id)
    expect(projects.map((p) => p.id).sort()).toEqual([...ids].sort())
    expect(projects.find((p) => p.id === ids[0])).toEqual(readProject(editor.doc, ids[0] as ProjectId))
  })

  test('an empty data dir starts with one demo board of about 160 projects, and a restart does not add another', async () => {
    const server = await startInProcessServer({ demo: true })
    const boards = await listBoards(server)
    expect(boards).toHaveLength(1)
    const demo = boards[0] as (typeof boards)[number]
    expect(demo.projectCount).toBeGreaterThanOrEqual(100)
    expect(demo.projectCount).toBeLessThanOrEqual(250)

    const viewer = connectClient(server, demo.id)
    await viewer.waitSynced()
    expect(listProjects(viewer.doc)).toHaveLength(demo.projectCount)
    const { projects } = await fetchBoard(server, demo.id)
    expect(projects).toHaveLength(demo.projectCount)
    viewer.destroy()

    await server.restart()
    expect(await listBoards(server)).toEqual(boards)
  })

  test('an unknown board answers 404 with a Chinese message', async () => {
    const server = await startInProcessServer()
    const response = await requestJson(server, '/api/boards/no-such-board-123')
    expect(response.status).toBe(404)
    expect(JSON.stringify(response.body)).toMatch(CHINESE)
  })

  test.each([
    ['an empty object', '{}'],
    ['an empty name', JSON.stringify({ name: '', year: 2025 })],
    ['a year that is not a number', JSON.stringify({ name: '某县重点项目', year: '明年' })],
    ['a body that is not JSON', '{"name": '],
  ])('creating a board from %s answers 400 with a Chinese message and creates nothing', async (_label, rawBody) => {
    const server = await startInProcessServer()
    const response = await requestJson(server, '/api/boards', { rawBody })
    expect(response.status).toBe(400)
    expect(JSON.stringify(response.body)).toMatch(CHINESE)
    expect(await listBoards(server)).toEqual([])
  })
})

/** Sends a new project from the raw socket and returns once a stock client saw it (so it is stored). */
async function writeThroughRawSocket(server: TestServer, boardId: string, raw: RawSyncSocket, name: string): Promise<void> {
  await raw.waitForFrame((frame) => frame.type === MessageType.sync && frame.syncType === 1, 'the initial SyncStep2')
  const sendLocal = (update: Uint8Array, origin: unknown) => {
    if (origin !== 'server') raw.sendUpdate(update)
  }
  raw.doc.on('update', sendLocal)
  const id = createProject(raw.doc, { name, unit: '发改局' })
  raw.doc.off('update', sendLocal)
  const watcher = connectClient(server, boardId)
  await waitForDoc(watcher.doc, (doc) => readProject(doc, id)?.name === name, { message: `a stock client to see ${name}` })
  watcher.destroy()
  // The ack for this update, if any, is sent no later than the broadcast; a round trip flushes it.
  await raw.roundTrip()
}

describe('sync protocol compatibility', () => {
  test('a client that did not ask for acks never receives a savedAck frame, while one that asked does', async () => {
    const server = await startInProcessServer()
    const board = await createBoard(server, '协议兼容')

    // Control: the same steps with acks=1 do produce a savedAck, so the check below can fail.
    const asking = await openRawSyncSocket(server, board.id, { params: { acks: '1' } })
    await writeThroughRawSocket(server, board.id, asking, '要确认的项目')
    await asking.waitForFrame((frame) => frame.type === MessageType.savedAck, 'a savedAck for the client that asked')

    const stock = await openRawSyncSocket(server, board.id)
    await writeThroughRawSocket(server, board.id, stock, '不要确认的项目')
    const types = new Set(stock.frames.map((frame) => frame.type))
    expect(types.has(MessageType.savedAck)).toBe(false)
    expect([...types].filter((type) => !STANDARD_MESSAGE_TYPES.includes(type))).toEqual([])
  })
})
