import { describe, test } from 'vitest'
import { moveProject } from '@guatu/shared/board/projectCommands'
import { Stage } from '@guatu/shared/domain/stage'
import { projectsSnapshot } from '../helpers/board.ts'
import { waitForDoc } from '../helpers/client.ts'
import { openRawSyncSocket } from '../helpers/rawSocket.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import { seededBoard } from '../helpers/seededBoard.ts'

/**
 * A board just read from storage answers clients from its stored bytes (snapshot + log) before it
 * builds its document; these tests hold that answer to what the document would have said.
 */
describe('first sync from the stored state', () => {
  test('a client that joins while the board is being edited gets every change, once', async () => {
    const { server, board, client: editor, ids } = await seededBoard(startInProcessServer, '边改边进', 10, 3)
    const joiners = []
    for (let round = 0; round < 5; round++) {
      moveProject(editor.doc, ids[round]!, { stage: round % 2 ? Stage.signed : Stage.producing })
      const joiner = await openRawSyncSocket(server, board.id)
      joiners.push(joiner)
    }
    await editor.waitSaved()
    for (const joiner of joiners) {
      await waitForDoc(joiner.doc, (doc) => projectsSnapshot(doc) === projectsSnapshot(editor.doc), { message: 'a joiner missed a change' })
    }
  })
})
