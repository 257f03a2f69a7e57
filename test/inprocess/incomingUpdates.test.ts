import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { createProject, moveProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import type { ProjectId } from '@guatu/shared/domain/project'
import { handleIncomingSync } from '../../client/src/sync/incomingUpdates.ts'
import { projectsSnapshot } from '../helpers/board.ts'
import { connectClient, waitAllSynced, waitForDoc } from '../helpers/client.ts'
import { startRoleBoard } from '../helpers/roleBoard.ts'

const MOVES = 40

/** Transactions the provider ran on its document (the others' updates it applied). */
function countRemoteTransactions(doc: Y.Doc, origin: unknown): () => number {
  let count = 0
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.origin === origin) count++
  })
  return () => count
}

describe('a page applies the others’ updates together (client/src/sync/incomingUpdates.ts)', () => {
  test('forty moves sent at once reach the page in a few transactions, and the page ends with the same board', async () => {
    const board = await startRoleBoard()
    const ids: ProjectId[] = Array.from({ length: MOVES }, (_, index) =>
      createProject(board.admin.doc, { name: `批量移动项目${index + 1}`, stage: 'planning', unit: '发改局' }),
    )
    const page = connectClient(board.server, board.boardId, { connect: false })
    handleIncomingSync(page.provider)
    page.connect()
    await waitAllSynced([page])
    await waitForDoc(page.doc, (doc) => ids.every((id) => readProject(doc, id)), { message: 'the page to hold the new projects' })
    const transactions = countRemoteTransactions(page.doc, page.provider)

    // Each move its own transaction, so the office sends forty update messages in one go.
    for (const id of ids) moveProject(board.admin.doc, id, { stage: 'signed' })
    await waitForDoc(page.doc, (doc) => ids.every((id) => readProject(doc, id)?.stage === 'signed'), { message: 'every move to reach the page' })
    expect(transactions()).toBeGreaterThan(0)
    expect(transactions(), 'transactions the page ran for forty moves').toBeLessThanOrEqual(MOVES / 4)
    expect(projectsSnapshot(page.doc)).toEqual(projectsSnapshot(board.admin.doc))
  })

  test('a screen whose cache holds what the server lacks offers none of it, is told so, and still follows the board', async () => {
    const board = await startRoleBoard()
    const cached = new Y.Doc()
    Y.applyUpdate(cached, Y.encodeStateAsUpdate(board.observer.doc))
    const stray = createProject(cached, { name: '缓存里多出的项目', stage: 'producing', unit: '发改局' })
    let staleCaches = 0
    const screen = connectClient(board.server, board.boardId, { connect: false, token: board.screen.token, doc: cached })
    handleIncomingSync(screen.provider, { readOnly: { onStaleCache: () => staleCaches++ } })
    screen.connect()
    await waitAllSynced([screen])
    expect(staleCaches).toBe(1)

    moveProject(board.admin.doc, board.own, { stage: 'started' })
    await waitForDoc(screen.doc, (doc) => readProject(doc, board.own)?.stage === 'started', { message: 'the screen to follow a move' })
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.stage === 'started', { message: 'the observer to have the move' })
    expect(readProject(board.observer.doc, stray), 'the server never got the cached project').toBeUndefined()
    expect(listProjects(board.observer.doc)).toHaveLength(3)
    expect(screen.deniedReasons).toEqual([])
  })
})
