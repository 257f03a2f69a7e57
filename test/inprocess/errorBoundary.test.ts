import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { beforeAll, describe, expect, test } from 'vitest'
import { updateProject } from '@guatu/shared/board/projectCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import { CloseCode, MessageType } from '@guatu/shared/sync/protocol'
import { waitForDoc } from '../helpers/client.ts'
import { captureUpdate, openRawSyncSocket } from '../helpers/rawSocket.ts'
import { flushThroughObserver, startRoleBoard, type RoleBoard } from '../helpers/roleBoard.ts'
import { waitFor } from '../helpers/wait.ts'

/** A SyncStep1 whose state vector claims five entries and holds none: decoding it throws. */
function truncatedSyncStep1(): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1)
  encoding.writeVarUint8Array(encoder, Uint8Array.of(5, 0xff))
  return encoding.toUint8Array(encoder)
}

let board: RoleBoard

beforeAll(async () => {
  board = await startRoleBoard()
})

describe('per-connection error boundaries', () => {
  test('a state vector that throws when answered after a write closes only its sender, and everyone else keeps syncing', async () => {
    const raw = await openRawSyncSocket(board.server, board.boardId, { token: board.editor.token })
    await raw.roundTrip()
    // The edit puts a write in flight; the SyncStep1 right behind it is answered only once that
    // write is durable, in the middle of the commit that broadcasts to everyone on the board.
    const note = '边界测试：写入中'
    const edit = captureUpdate(raw.doc, () => updateProject(raw.doc, board.own, { progressNote: note }))
    raw.sendUpdate(edit)
    raw.sendRaw(truncatedSyncStep1())

    const closed = await raw.waitClosed('the sender of the malformed state vector to be closed')
    expect(closed).toEqual({ code: CloseCode.protocolError, reason: '无法解析的消息' })
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.progressNote === note, {
      message: 'the observer to see the edit that preceded the malformed message',
    })
    await flushThroughObserver(board)
    expect(board.admin.closes).toEqual([])
    expect(board.observer.closes).toEqual([])
    await waitFor(() => /"msg":"malformed message".*"stack":"/.test(board.server.output()), {
      message: 'the server to log the failure with its stack',
      describe: () => board.server.output().slice(-2000),
    })
    expect(board.server.exited).toBe(false)
  })

  test('a second client still syncs and edits after a connection failed', async () => {
    const raw = await openRawSyncSocket(board.server, board.boardId, { token: board.viewer.token })
    await raw.roundTrip()
    raw.sendRaw(truncatedSyncStep1())
    expect((await raw.waitClosed('the viewer to be closed')).code).toBe(CloseCode.protocolError)

    const fresh = await openRawSyncSocket(board.server, board.boardId, { token: board.editor.token })
    await fresh.roundTrip()
    expect(readProject(fresh.doc, board.own)?.name).toBe('工信局锂电材料项目')
    const note = '边界测试：之后仍可编辑'
    fresh.sendUpdate(captureUpdate(fresh.doc, () => updateProject(fresh.doc, board.own, { progressNote: note })))
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.progressNote === note, {
      message: 'the observer to see an edit made after another connection failed',
    })
    expect(fresh.deniedReasons()).toEqual([])
  })
})
