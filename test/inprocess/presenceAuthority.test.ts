import { beforeAll, describe, expect, test } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import { updateProject } from '@guatu/shared/board/projectCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import { Role } from '@guatu/shared/domain/role'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { readPresence } from '@guatu/shared/sync/presence'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { awarenessMessage, flushPresence, presenceJson, shownPresence } from '../helpers/presenceFrames.ts'
import { captureUpdate, openRawSyncSocket, type RawSyncSocket } from '../helpers/rawSocket.ts'
import { EDITOR_DISPLAY_NAME, flushThroughObserver, OWN_UNIT, startRoleBoard, VIEWER_DISPLAY_NAME, type RoleBoard } from '../helpers/roleBoard.ts'
import { waitFor } from '../helpers/wait.ts'

const FORGED = { name: '项目办 王主任', unit: '项目办', role: Role.admin }

let board: RoleBoard
let nextClientId = 900_000

beforeAll(async () => {
  board = await startRoleBoard()
})

type Principal = 'editor' | 'viewer' | 'screen'

function tokenOf(who: Principal): string {
  if (who === 'editor') return board.editor.token
  if (who === 'viewer') return board.viewer.token
  return board.screen.token
}

/** A raw socket with the whole board and no SyncStep1 of its own still unanswered, so a later round trip is really later. */
async function openAs(who: Principal): Promise<RawSyncSocket> {
  const raw = await openRawSyncSocket(board.server, board.boardId, { token: tokenOf(who) })
  await raw.waitForFrame((frame) => frame.syncType === syncProtocol.messageYjsSyncStep2, 'the answer to the opening SyncStep1')
  await raw.roundTrip()
  return raw
}

/** What the observer shows for `clientId`, read as Guatu's client reads it. */
function observed(clientId: number) {
  return readPresence(shownPresence(board.observer).get(clientId))
}

/**
 * After `raw` sent its messages: the server has handled them (round trip, or the socket closed),
 * the observer has everything forwarded before an honest marker, and the board still serves: a
 * fresh client joins (joining re-encodes every state) and an edit reaches the observer.
 */
async function settleAndExpectServing(raw: RawSyncSocket): Promise<void> {
  await raw.roundTripOrClose()
  await flushPresence(board.admin, board.observer)
  await flushThroughObserver(board)
  const fresh = await openAs('editor')
  const note = `仍在服务${nextClientId}`
  fresh.sendUpdate(captureUpdate(fresh.doc, () => updateProject(fresh.doc, board.own, { progressNote: note })))
  await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.progressNote === note, { message: 'an editor joining afterwards to edit' })
  fresh.close()
  expect(board.admin.closes).toEqual([])
  expect(board.observer.closes).toEqual([])
  expect(board.server.exited).toBe(false)
}

describe("presence is the server's to vouch for", () => {
  test('an editor claiming to be the project office is shown with its own name, unit and role', async () => {
    const raw = await openAs('editor')
    const clientId = ++nextClientId
    raw.sendRaw(awarenessMessage([{ clientId, clock: 1, json: presenceJson(FORGED, { kind: 'editing', projectId: board.own }) }]))
    await settleAndExpectServing(raw)
    expect(observed(clientId)?.user).toEqual({ name: EDITOR_DISPLAY_NAME, unit: OWN_UNIT, role: Role.editor, color: '#1565c0' })
    expect(observed(clientId)?.activity).toEqual({ kind: 'editing', projectId: board.own })
  })

  test('a viewer is shown as itself and never as editing a card', async () => {
    const raw = await openAs('viewer')
    const clientId = ++nextClientId
    raw.sendRaw(awarenessMessage([{ clientId, clock: 1, json: presenceJson(FORGED, { kind: 'dragging', projectId: board.own }) }]))
    await settleAndExpectServing(raw)
    expect(observed(clientId)?.user).toEqual({ name: VIEWER_DISPLAY_NAME, role: Role.viewer, color: '#1565c0' })
    expect(observed(clientId)?.activity).toBeNull()
  })

  test('a screen link publishes no presence, whatever it claims', async () => {
    const raw = await openAs('screen')
    const clientId = ++nextClientId
    raw.sendRaw(awarenessMessage([{ clientId, clock: 1, json: presenceJson(FORGED, { kind: 'editing', projectId: board.own }) }]))
    await settleAndExpectServing(raw)
    expect(shownPresence(board.observer).has(clientId)).toBe(false)
    // It is still answered, so a stock client alone on the board does not take silence for a dead link.
    expect(raw.open).toBe(true)
  })

  test("a viewer can neither rewrite nor remove an editor's presence", async () => {
    const editor = await openAs('editor')
    const victim = ++nextClientId
    editor.sendRaw(awarenessMessage([{ clientId: victim, clock: 5, json: presenceJson({ name: '工信局' }) }]))
    await editor.roundTrip()
    await flushPresence(board.admin, board.observer)
    expect(observed(victim)?.user.name).toBe(EDITOR_DISPLAY_NAME)

    const viewer = await openAs('viewer')
    viewer.sendRaw(
      awarenessMessage([{ clientId: victim, clock: 6, json: presenceJson({ name: '工信局张科长（已离开）' }, { kind: 'editing', projectId: board.other }) }]),
    )
    viewer.sendRaw(awarenessMessage([{ clientId: victim, clock: 99, json: 'null' }]))
    viewer.sendRaw(awarenessMessage([{ clientId: victim, clock: 5, json: 'null' }]))
    await settleAndExpectServing(viewer)
    expect(observed(victim)?.user.name).toBe(EDITOR_DISPLAY_NAME)
    expect(observed(victim)?.activity).toBeNull()
    expect(viewer.open).toBe(true)

    // Another editor of the same unit may not either: presence belongs to a connection, not a unit.
    const sameUnit = await openAs('editor')
    sameUnit.sendRaw(awarenessMessage([{ clientId: victim, clock: 100, json: 'null' }]))
    await settleAndExpectServing(sameUnit)
    expect(observed(victim)?.user.name).toBe(EDITOR_DISPLAY_NAME)

    // Its own connection may remove it.
    editor.sendRaw(awarenessMessage([{ clientId: victim, clock: 6, json: 'null' }]))
    await settleAndExpectServing(editor)
    expect(shownPresence(board.observer).has(victim)).toBe(false)
  })

  test('a state nested ten thousand arrays deep closes only its sender, and the next client still joins', async () => {
    for (const who of ['viewer', 'editor'] as const) {
      const raw = await openAs(who)
      const clientId = ++nextClientId
      // 20 KB: refused by size before its depth is ever looked at.
      raw.sendRaw(awarenessMessage([{ clientId, clock: 1, json: `${'['.repeat(10_000)}${']'.repeat(10_000)}` }]))
      expect(await raw.waitClosed(`the ${who}'s deep state to close its socket`)).toEqual({ code: CloseCode.protocolError, reason: '在线状态过大，连接已断开' })
      await settleAndExpectServing(raw)
      expect(shownPresence(board.observer).has(clientId)).toBe(false)
    }
    // Small but deep: refused by depth, before JSON.parse or JSON.stringify could recurse into it.
    const raw = await openAs('viewer')
    const clientId = ++nextClientId
    raw.sendRaw(awarenessMessage([{ clientId, clock: 1, json: `{"user":${'['.repeat(400)}${']'.repeat(400)}}` }]))
    expect(await raw.waitClosed('the small deep state to close its socket')).toEqual({ code: CloseCode.protocolError, reason: '在线状态嵌套过深，连接已断开' })
    await settleAndExpectServing(raw)
    expect(shownPresence(board.observer).has(clientId)).toBe(false)
  })

  test("a screen link's deep state is never looked at and reaches nobody", async () => {
    const raw = await openAs('screen')
    const clientId = ++nextClientId
    raw.sendRaw(awarenessMessage([{ clientId, clock: 1, json: `${'['.repeat(10_000)}${']'.repeat(10_000)}` }]))
    await settleAndExpectServing(raw)
    expect(shownPresence(board.observer).has(clientId)).toBe(false)
  })

  test('an 8 MB state is refused with a reason and forwarded to nobody', async () => {
    const raw = await openAs('editor')
    const clientId = ++nextClientId
    raw.sendRaw(awarenessMessage([{ clientId, clock: 1, json: presenceJson({ name: 'x'.repeat(8 * 1024 * 1024) }) }]))
    expect(await raw.waitClosed('the 8 MB state to close its socket')).toEqual({ code: CloseCode.protocolError, reason: '在线状态消息过大，连接已断开' })
    await settleAndExpectServing(raw)
    expect(shownPresence(board.observer).has(clientId)).toBe(false)
  })

  test('twenty thousand fake users in one message are refused with a reason and shown to nobody', async () => {
    const raw = await openAs('viewer')
    const first = nextClientId + 1
    const entries = Array.from({ length: 20_000 }, (_, i) => ({ clientId: ++nextClientId, clock: 1, json: presenceJson({ name: `假用户${i}` }) }))
    raw.sendRaw(awarenessMessage(entries))
    expect(await raw.waitClosed('the 20,000 states to close the socket')).toEqual({ code: CloseCode.protocolError, reason: '在线状态条目过多，连接已断开' })
    await settleAndExpectServing(raw)
    const last = nextClientId
    expect([...shownPresence(board.observer).keys()].filter((id) => id >= first && id <= last)).toEqual([])
  })

  test('one connection speaks for at most four client ids, however many messages it sends', async () => {
    const raw = await openAs('editor')
    const first = nextClientId + 1
    for (let message = 0; message < 5; message++) {
      raw.sendRaw(
        awarenessMessage(Array.from({ length: 200 }, (_, i) => ({ clientId: ++nextClientId, clock: 1, json: presenceJson({ name: `分身${message}-${i}` }) }))),
      )
    }
    await settleAndExpectServing(raw)
    const last = nextClientId
    const shown = [...shownPresence(board.observer).keys()].filter((id) => id >= first && id <= last)
    expect(shown).toHaveLength(4)
    expect(raw.open).toBe(true)
  })

  test('a state that does not match the presence schema is shown to nobody and the sender stays connected', async () => {
    const raw = await openAs('editor')
    const clientId = ++nextClientId
    raw.sendRaw(awarenessMessage([{ clientId, clock: 1, json: JSON.stringify({ user: { name: '工信局', color: 'red' }, script: '<img onerror>' }) }]))
    await settleAndExpectServing(raw)
    expect(shownPresence(board.observer).has(clientId)).toBe(false)
    expect(raw.open).toBe(true)
    await waitFor(() => /"msg":"presence ignored".*在线状态格式不符/.test(board.server.output()), {
      message: 'the server to log why the state was not shown',
      describe: () => board.server.output().slice(-2000),
    })
  })

  test("a stock client's own presence still comes back to it as a sign of life", async () => {
    const client = connectClient(board.server, board.boardId, { token: board.viewer.token })
    await client.waitSynced()
    client.provider.awareness.setLocalState({ user: { name: FORGED.name, color: '#6a1b9a' }, activity: null })
    await waitFor(() => observed(client.doc.clientID)?.user.name === VIEWER_DISPLAY_NAME, {
      message: 'the observer to show the stock viewer by its account name',
    })
    expect(client.deniedReasons).toEqual([])
  })
})
