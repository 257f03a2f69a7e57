import { describe, test } from 'vitest'
import { moveProject } from '@guatu/shared/board/projectCommands'
import { Stage } from '@guatu/shared/domain/stage'
import { projectsSnapshot, seedProjects } from '../helpers/board.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { Rng } from '../helpers/prng.ts'
import { openRawSyncSocket } from '../helpers/rawSocket.ts'
import { createBoard } from '../helpers/rest.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'

/** A server and a board with `count` seeded projects, durable, and the client that seeded them. */
async function seededBoard(name: string, count: number, seed: number) {
  const server = await startInProcessServer()
  const board = await createBoard(server, name)
  const client = connectClient(server, board.id, { acks: true })
  await client.waitSynced()
  const ids = seedProjects(client.doc, count, new Rng(seed))
  await client.waitSaved()
  return { server, board, client, ids }
}

/**
 * A board just read from storage answers clients from its stored bytes (snapshot + log) before it
 * builds its document; these tests hold that answer to what the document would have said.
 */
describe('first sync from the stored state', () => {
  test('a client that joins while the board is being edited gets every change, once', async () => {
    const { server, board, client: editor, ids } = await seededBoard('边改边进', 10, 3)
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
