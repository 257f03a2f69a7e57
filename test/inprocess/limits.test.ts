import * as encoding from 'lib0/encoding'
import { describe, expect, test } from 'vitest'
import { createProject, moveProject } from '@guatu/shared/board/projectCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import { Role } from '@guatu/shared/domain/role'
import { CloseCode, MessageType } from '@guatu/shared/sync/protocol'
import { createAccount } from '../helpers/accounts.ts'
import { connectClient, waitAllSynced, waitForDoc, type TestClient } from '../helpers/client.ts'
import { openRawSyncSocket } from '../helpers/rawSocket.ts'
import { createBoard } from '../helpers/rest.ts'
import { type TestServer } from '../helpers/server.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'

const CHINESE = /[\u4e00-\u9fff]/

/** A board with one card and two admin clients on it; returns a check that they still work together. */
async function boardWithBystanders(server: TestServer) {
  const board = await createBoard(server, '限流测试')
  const mover = connectClient(server, board.id)
  const watcher = connectClient(server, board.id)
  await waitAllSynced([mover, watcher])
  const id = createProject(mover.doc, { name: '限流测试项目', stage: 'planning', unit: '发改局' })
  await waitForDoc(watcher.doc, (doc) => readProject(doc, id) !== undefined, { message: 'the watcher to see the card' })
  const stillWorking = async (bystanders: readonly TestClient[] = [mover, watcher]) => {
    const [from, to] = bystanders as [TestClient, TestClient]
    const stage = readProject(from.doc, id)?.stage === 'started' ? 'producing' : 'started'
    moveProject(from.doc, id, { stage })
    await waitForDoc(to.doc, (doc) => readProject(doc, id)?.stage === stage, { message: `another client on the board to see the card move to ${stage}` })
    expect(from.closes).toEqual([])
    expect(to.closes).toEqual([])
  }
  return { boardId: board.id, stillWorking }
}

function awarenessQuery(): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.queryAwareness)
  return encoding.toUint8Array(encoder)
}

describe('connection limits', () => {
  test('a message over GUATU_MAX_MESSAGE_BYTES closes only that connection with 1009', async () => {
    const server = await startInProcessServer({ env: { GUATU_MAX_MESSAGE_BYTES: '65536' } })
    const { boardId, stillWorking } = await boardWithBystanders(server)
    const raw = await openRawSyncSocket(server, boardId)
    await raw.roundTrip()
    // What it says does not matter: the size is checked before the message is read.
    const big = new Uint8Array(65536 + 1024)
    big[0] = MessageType.sync
    raw.sendRaw(big)
    const closed = await raw.waitClosed('the oversized message to close the socket')
    expect(closed.code).toBe(CloseCode.messageTooLarge)
    await stillWorking()
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  test('a text message closes only that connection, with a protocol error and a Chinese reason', async () => {
    const server = await startInProcessServer()
    const { boardId, stillWorking } = await boardWithBystanders(server)
    const raw = await openRawSyncSocket(server, boardId)
    await raw.roundTrip()
    raw.sendText('{"type":"update"}')
    const closed = await raw.waitClosed('the text message to close the socket')
    expect(closed.code).toBe(CloseCode.protocolError)
    expect(closed.reason).toMatch(CHINESE)
    await stillWorking()
  })

  test('a flood of messages closes that connection with 4429 and a Chinese reason while others keep working', async () => {
    const server = await startInProcessServer({ env: { GUATU_MESSAGES_PER_SECOND: '50', GUATU_MESSAGE_BURST: '100' } })
    const { boardId, stillWorking } = await boardWithBystanders(server)
    const raw = await openRawSyncSocket(server, boardId)
    await raw.roundTrip()
    const query = awarenessQuery()
    // Far more than the burst, sent at once: no client keeps this rate up for long.
    for (let i = 0; i < 2_000 && raw.open; i++) raw.sendRaw(query)
    const closed = await raw.waitClosed('the flood to close the socket')
    expect(closed.code).toBe(CloseCode.rateLimited)
    expect(closed.reason).toMatch(CHINESE)
    await stillWorking()
  })

  test("one user's connections past GUATU_MAX_CONNECTIONS_PER_USER are closed with 4429; other users still connect", async () => {
    const server = await startInProcessServer({ env: { GUATU_MAX_CONNECTIONS_PER_USER: '3' } })
    const { boardId } = await boardWithBystanders(server)
    const editor = await createAccount(server, { username: 'gxj_many', password: 'many-tabs-2025', role: Role.editor, units: ['工信局'] })
    const allowed = await Promise.all([1, 2, 3].map(() => openRawSyncSocket(server, boardId, { token: editor.token })))
    await Promise.all(allowed.map((raw) => raw.roundTrip()))

    const extra = await openRawSyncSocket(server, boardId, { token: editor.token })
    const closed = await extra.waitClosed('the fourth connection of the same user to be closed')
    expect(closed.code).toBe(CloseCode.rateLimited)
    expect(closed.reason).toMatch(CHINESE)
    expect(extra.frames.filter((frame) => frame.type === MessageType.sync)).toEqual([])
    for (const raw of allowed) expect(raw.open).toBe(true)

    const viewer = await createAccount(server, { username: 'ld_other', password: 'other-user-2025', role: Role.viewer, units: [] })
    const other = await openRawSyncSocket(server, boardId, { token: viewer.token })
    await other.roundTrip()
    expect(other.closed).toBeUndefined()
  })

  test('an upgrade with a foreign Origin header is closed with 4403 before any content; the own origin is accepted', async () => {
    const server = await startInProcessServer()
    const { boardId } = await boardWithBystanders(server)
    const foreign = await openRawSyncSocket(server, boardId, { origin: 'https://evil.example.com' })
    const closed = await foreign.waitClosed('the foreign-origin socket to be closed')
    expect(closed.code).toBe(CloseCode.forbidden)
    expect(closed.reason).toMatch(CHINESE)
    expect(foreign.frames.filter((frame) => frame.type === MessageType.sync || frame.type === MessageType.awareness)).toEqual([])

    const own = await openRawSyncSocket(server, boardId, { origin: server.url })
    await own.roundTrip()
    expect(own.closed).toBeUndefined()
  })
})
