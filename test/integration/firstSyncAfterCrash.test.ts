import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { Stage } from '@guatu/shared/domain/stage'
import { projectsSnapshot } from '../helpers/board.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { openRawSyncSocket } from '../helpers/rawSocket.ts'
import { startServer } from '../helpers/server.ts'
import { seededBoard } from '../helpers/seededBoard.ts'

/**
 * A board just read from storage answers clients from its stored bytes (snapshot + log) before it
 * builds its document; these tests hold that answer to what the document would have said.
 */
describe('first sync from the stored state', () => {
  test('after a restart, new and returning clients get exactly the board, changes since the last compaction included', async () => {
    const { server, board, client: writer, ids } = await seededBoard(startServer, '冷启动', 20, 7)
    const returning = new Y.Doc()
    Y.applyUpdate(returning, Y.encodeStateAsUpdate(writer.doc))
    writer.destroy()
    // A graceful stop compacts: the board is a snapshot (with its state vector) from now on.
    await server.restart()
    const early = await openRawSyncSocket(server, board.id)
    await early.roundTrip()
    expect(projectsSnapshot(early.doc)).toBe(projectsSnapshot(writer.doc))

    const editor = connectClient(server, board.id, { acks: true, doc: writer.doc })
    await editor.waitSynced()
    moveProject(editor.doc, ids[0]!, { stage: Stage.started })
    updateProject(editor.doc, ids[1]!, { progressNote: '快照之后的改动' })
    await editor.waitSaved()
    editor.destroy()
    // Killed: the edits stay in the log after the snapshot, and the next start reads both.
    await server.kill('SIGKILL')
    await server.restart()

    const fresh = await openRawSyncSocket(server, board.id)
    await fresh.roundTrip()
    expect(projectsSnapshot(fresh.doc)).toBe(projectsSnapshot(writer.doc))
    // The server said what it has before anything else, as a y-websocket server does on join.
    const first = fresh.frames.find((frame) => frame.type === 0)
    expect(first?.syncType).toBe(0)

    const back = connectClient(server, board.id, { doc: returning })
    await back.waitSynced()
    await waitForDoc(returning, (doc) => projectsSnapshot(doc) === projectsSnapshot(writer.doc), { message: 'the returning client never caught up' })
  })
})
