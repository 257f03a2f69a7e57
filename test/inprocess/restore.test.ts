import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { projectsRoot } from '@guatu/shared/board/boardDoc'
import { moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import { restoreAllProjects, restoreProject } from '@guatu/shared/board/restoreCommands'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { ProjectId } from '@guatu/shared/domain/project'
import { AuditAction } from '@guatu/shared/domain/auditAction'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { fetchHistory } from '../helpers/rest.ts'
import { flushThroughObserver, startRoleBoard, type RoleBoard } from '../helpers/roleBoard.ts'
import type { TestServer } from '../helpers/server.ts'
import { waitFor, momentBeforeNextChange } from '../helpers/wait.ts'

/** The board as it stood at `at`, as the 历史视图 fetches it (read by `token`, default the admin). */
async function pastBoard(server: TestServer, boardId: string, at: string, token = server.adminToken): Promise<Y.Doc> {
  const response = await fetch(`${server.url}/api/boards/${boardId}/state?at=${encodeURIComponent(at)}`, { headers: { authorization: `Bearer ${token}` } })
  expect(response.status).toBe(200)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, new Uint8Array(await response.arrayBuffer()))
  return doc
}

/** A project's fields, without the mark a restore leaves (asserted on its own). */
const fields = (doc: Y.Doc, id: ProjectId) => {
  const json = projectsRoot(doc).get(id)?.toJSON()
  if (json) delete json.restoredFrom
  return json
}

/** A moment, then changes to both department projects after it. */
async function changedSinceMoment(board: RoleBoard): Promise<{ moment: string; pastOwn: unknown; pastOther: unknown }> {
  const moment = await momentBeforeNextChange()
  const pastOwn = fields(board.observer.doc, board.own)
  const pastOther = fields(board.observer.doc, board.other)
  moveProject(board.admin.doc, board.own, { stage: 'started' })
  updateProject(board.admin.doc, board.own, { totalInvestment: '61000' as WanAmount, progressNote: '主体施工' })
  updateProject(board.admin.doc, board.other, { progressNote: '冷库封顶' })
  await waitForDoc(
    board.observer.doc,
    (doc) => readProject(doc, board.own)?.progressNote === '主体施工' && readProject(doc, board.other)?.progressNote === '冷库封顶',
    {
      message: 'the changes after the moment to be stored',
    },
  )
  return { moment, pastOwn, pastOther }
}

describe('restore to a past moment', () => {
  test('the office restores one project: it equals its past state, others are untouched, history shows it, undo brings back the present', async () => {
    const board = await startRoleBoard()
    const { moment, pastOwn } = await changedSinceMoment(board)
    const present = fields(board.observer.doc, board.own)
    const presentOther = fields(board.observer.doc, board.other)
    const past = await pastBoard(board.server, board.boardId, moment)
    const origin = { restore: moment }
    const undo = new Y.UndoManager(projectsRoot(board.admin.doc), { trackedOrigins: new Set([origin]) })

    const restoredAt = Date.now()
    restoreProject(board.admin.doc, past, board.own, moment, { origin })
    await waitForDoc(board.observer.doc, (doc) => JSON.stringify(fields(doc, board.own)) === JSON.stringify(pastOwn), { message: 'the restore to be stored' })
    expect(fields(board.observer.doc, board.own)).toEqual(pastOwn)
    expect(fields(board.observer.doc, board.other), 'the other project keeps its present').toEqual(presentOther)
    expect(board.admin.deniedReasons).toEqual([])

    expect(readProject(board.observer.doc, board.own)?.restoredFrom, 'the project is marked restored from the moment').toBe(moment)
    expect(projectsRoot(board.observer.doc).get(board.other)?.get('restoredFrom'), 'the other project is not').toBeUndefined()
    const history = await fetchHistory(board.server, board.boardId, { projectId: board.own })
    const sinceRestore = history.filter((entry) => Date.parse(entry.at) >= restoredAt)
    const restoreEntry = sinceRestore.find((entry) => entry.action === AuditAction.restore)
    expect(restoreEntry, 'history names the change a restore').toMatchObject({ to: moment, field: null })
    expect(restoreEntry!.summary).toMatch(/^恢复到 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 时的状态$/)
    const restored = sinceRestore.map((entry) => [entry.field, entry.to])
    expect(restored).toEqual(
      expect.arrayContaining([
        ['stage', 'planning'],
        ['totalInvestment', '57800'],
        ['progressNote', ''],
        ['actualStartDate', null],
      ]),
    )

    undo.undo()
    await waitForDoc(board.observer.doc, (doc) => JSON.stringify(fields(doc, board.own)) === JSON.stringify(present), {
      message: 'the undo to bring back the present',
    })
  })

  test('the office restores the whole board in one change', async () => {
    const board = await startRoleBoard()
    const { moment, pastOwn, pastOther } = await changedSinceMoment(board)
    const past = await pastBoard(board.server, board.boardId, moment)
    let transactions = 0
    board.admin.doc.on('afterTransaction', () => transactions++)
    restoreAllProjects(board.admin.doc, past, moment)
    expect(transactions, 'one transaction, one update').toBe(1)
    await waitForDoc(board.observer.doc, (doc) => JSON.stringify([fields(doc, board.own), fields(doc, board.other)]) === JSON.stringify([pastOwn, pastOther]), {
      message: 'the whole-board restore to be stored',
    })
  })

  test("a department restores its own project, and the server refuses its restore of another department's project", async () => {
    const board = await startRoleBoard()
    const { moment, pastOwn, pastOther } = await changedSinceMoment(board)
    const editor = connectClient(board.server, board.boardId, { token: board.editor.token })
    await editor.waitSynced()
    const past = await pastBoard(board.server, board.boardId, moment, board.editor.token)

    restoreProject(editor.doc, past, board.own, moment)
    await waitForDoc(board.observer.doc, (doc) => JSON.stringify(fields(doc, board.own)) === JSON.stringify(pastOwn), {
      message: "工信局's restore of its own project",
    })

    const otherPresent = fields(board.observer.doc, board.other)
    expect(otherPresent).not.toEqual(pastOther)
    restoreProject(editor.doc, past, board.other, moment)
    await waitFor(() => editor.deniedReasons.length > 0, { message: "the server to refuse 工信局's restore of 商务局's project" })
    expect(editor.deniedReasons.join('')).toContain('商务局')
    await flushThroughObserver(board)
    expect(fields(board.observer.doc, board.other), 'nothing of the refused restore was stored or relayed').toEqual(otherPresent)
  })
})
