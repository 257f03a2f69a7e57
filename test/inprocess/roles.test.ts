import { describe, expect, test } from 'vitest'
import { projectsRoot } from '@guatu/shared/board/boardDoc'
import { createProject, deleteProject, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { ProjectId } from '@guatu/shared/domain/project'
import { MessageType } from '@guatu/shared/sync/protocol'
import { connectClient, waitForDoc, type TestClient } from '../helpers/client.ts'
import { captureUpdate, openRawSyncSocket, type RawSyncSocket } from '../helpers/rawSocket.ts'
import { fetchBoard } from '../helpers/rest.ts'
import { flushThroughObserver, OTHER_UNIT, OWN_UNIT, startRoleBoard, type RoleBoard, waitDenied } from '../helpers/roleBoard.ts'

const CHINESE = /[\u4e00-\u9fff]/

async function waitRawDenied(raw: RawSyncSocket, what: string): Promise<string> {
  await raw.waitForFrame((frame) => frame.type === MessageType.auth, `the server to refuse ${what} with a permission-denied message`)
  const reason = raw.deniedReasons()[0] as string
  expect(reason).toMatch(CHINESE)
  return reason
}

/** An editor client of 工信局 that has loaded the board. */
async function editorClient(board: RoleBoard): Promise<TestClient> {
  const client = connectClient(board.server, board.boardId, { token: board.editor.token })
  await client.waitSynced()
  expect(readProject(client.doc, board.other)?.unit, 'an editor reads every project of the board').toBe(OTHER_UNIT)
  return client
}

/** A raw socket as the editor, holding the board as the server sent it. */
async function editorRawSocket(board: RoleBoard): Promise<RawSyncSocket> {
  const raw = await openRawSyncSocket(board.server, board.boardId, { token: board.editor.token })
  await raw.waitForFrame((frame) => frame.type === MessageType.sync && frame.syncType === 1, 'the board state (SyncStep2)')
  return raw
}

describe('department editors', () => {
  test('a department editor moves its own card and another client sees it in 开工', async () => {
    const board = await startRoleBoard()
    const editor = await editorClient(board)
    moveProject(editor.doc, board.own, { stage: 'started' })
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.stage === 'started', {
      message: "the observer to see the editor's own card in 开工",
    })
    expect(editor.deniedReasons).toEqual([])
  })

  test.each([
    ["moving another department's card to 开工", 'stage', 'started'],
    ["taking another department's card into its own unit", 'unit', OWN_UNIT],
    ["changing another department's 总投资", 'totalInvestment', '99999'],
  ] as const)('a forged update %s is refused and seen by no one', async (_label, field, value) => {
    const board = await startRoleBoard()
    const raw = await editorRawSocket(board)

    // Control: the same hand-made kind of update on the editor's own card goes through, so the refusal below is about the unit.
    raw.sendUpdate(captureUpdate(raw.doc, () => projectsRoot(raw.doc).get(board.own)?.set('progressNote', '手工构造的合法修改')))
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.progressNote === '手工构造的合法修改', {
      message: "the observer to see the editor's hand-made edit of its own card",
    })

    const original = projectsRoot(board.observer.doc).get(board.other)?.get(field)
    raw.sendUpdate(captureUpdate(raw.doc, () => projectsRoot(raw.doc).get(board.other)?.set(field, value)))
    expect(await waitRawDenied(raw, 'the forged update')).toContain(OTHER_UNIT)

    await flushThroughObserver(board)
    expect(projectsRoot(board.observer.doc).get(board.other)?.get(field)).toEqual(original)
    const lateJoiner = connectClient(board.server, board.boardId)
    await lateJoiner.waitSynced()
    expect(projectsRoot(lateJoiner.doc).get(board.other)?.get(field)).toEqual(original)
    const { projects } = await fetchBoard(board.server, board.boardId)
    expect((projects.find((p) => p.id === board.other) as unknown as Record<string, unknown>)[field]).toEqual(original)
  })

  test('an editor cannot hand its own project to a unit outside its own', async () => {
    const board = await startRoleBoard()
    const editor = await editorClient(board)
    updateProject(editor.doc, board.own, { unit: OTHER_UNIT })
    expect(await waitDenied(editor, 'the change of 责任单位')).toContain(OTHER_UNIT)
    await flushThroughObserver(board)
    expect(readProject(board.observer.doc, board.own)?.unit).toBe(OWN_UNIT)
  })

  test('an editor creates projects for its own unit but not for another unit', async () => {
    const board = await startRoleBoard()
    const editor = await editorClient(board)
    const allowed = createProject(editor.doc, { name: '工信局新建项目', unit: OWN_UNIT })
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, allowed) !== undefined, {
      message: "the observer to see the editor's new project of its own unit",
    })
    // Refused last: a client's later updates build on its refused one and would be held back too.
    const refused = createProject(editor.doc, { name: '替商务局新建的项目', unit: OTHER_UNIT })
    expect(await waitDenied(editor, 'a project for another unit')).toContain(OTHER_UNIT)
    await flushThroughObserver(board)
    expect(readProject(board.observer.doc, refused)).toBeUndefined()
    const { projects } = await fetchBoard(board.server, board.boardId)
    expect(projects.map((p) => p.id)).not.toContain(refused)
  })

  test('an editor cannot delete a project, not even one of its own unit', async () => {
    const board = await startRoleBoard()
    const editor = await editorClient(board)
    deleteProject(editor.doc, board.own)
    expect(await waitDenied(editor, 'the deletion')).toMatch(/删除/)
    await flushThroughObserver(board)
    expect(readProject(board.observer.doc, board.own)?.name).toBe('工信局锂电材料项目')
  })
})

describe('the project office', () => {
  test("an admin moves, reassigns, creates and deletes any unit's projects", async () => {
    const board = await startRoleBoard()
    const { admin, observer } = board
    moveProject(admin.doc, board.other, { stage: 'started' })
    updateProject(admin.doc, board.own, { unit: OTHER_UNIT, totalInvestment: '60000' as WanAmount })
    const created = createProject(admin.doc, { name: '文旅局康养小镇', unit: '文旅局' })
    const doomed = createProject(admin.doc, { name: '待删除项目', unit: '能源局' })
    await waitForDoc(observer.doc, (doc) => readProject(doc, doomed) !== undefined, { message: 'the observer to see the project to delete' })
    deleteProject(admin.doc, doomed)

    const expected = (doc: typeof observer.doc) =>
      readProject(doc, board.other)?.stage === 'started' &&
      readProject(doc, board.own)?.unit === OTHER_UNIT &&
      readProject(doc, created)?.unit === '文旅局' &&
      readProject(doc, doomed as ProjectId) === undefined
    await waitForDoc(observer.doc, expected, { message: "the observer to see all of the admin's changes" })
    expect(admin.deniedReasons).toEqual([])
  })
})
