import { describe, expect, test } from 'vitest'
import { projectsRoot } from '@guatu/shared/board/boardDoc'
import { confirmProjectFigures, FigureAuthor, setProjectFigure } from '@guatu/shared/board/figureCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import { MessageType } from '@guatu/shared/sync/protocol'
import { connectClient, waitForDoc, type TestClient } from '../helpers/client.ts'
import { captureUpdate, openRawSyncSocket, type RawSyncSocket } from '../helpers/rawSocket.ts'
import { flushThroughObserver, startRoleBoard, type RoleBoard } from '../helpers/roleBoard.ts'

/** 工信局's project has 总投资 57800万元 (5.78亿元); 99999999万元 is the issue's mistyped figure. */
const IMPOSSIBLE_WAN = '99999999'

async function editorClient(board: RoleBoard): Promise<TestClient> {
  const client = connectClient(board.server, board.boardId, { token: board.editor.token })
  await client.waitSynced()
  return client
}

async function editorRawSocket(board: RoleBoard): Promise<RawSyncSocket> {
  const raw = await openRawSyncSocket(board.server, board.boardId, { token: board.editor.token })
  await raw.waitForFrame((frame) => frame.type === MessageType.sync && frame.syncType === 1, 'the board state (SyncStep2)')
  return raw
}

async function refusal(raw: RawSyncSocket, what: string): Promise<string> {
  await raw.waitForFrame((frame) => frame.type === MessageType.auth, `the server to refuse ${what}`)
  return raw.deniedReasons()[0] ?? ''
}

/** The department enters the impossible figure through the panel's command and confirms it. */
async function flaggedByDepartment(board: RoleBoard): Promise<void> {
  const editor = await editorClient(board)
  const asked = setProjectFigure(editor.doc, board.own, 'completedInvestment', IMPOSSIBLE_WAN, { author: FigureAuthor.department })
  expect(asked.status, 'an implausible figure is not written before it is confirmed').toBe('needsConfirmation')
  if (asked.status === 'needsConfirmation') expect(asked.concerns.map((concern) => concern.message).join('；')).toContain('超过项目总投资 5.78亿元')
  expect(setProjectFigure(editor.doc, board.own, 'completedInvestment', IMPOSSIBLE_WAN, { author: FigureAuthor.department, confirmed: true })).toEqual({
    status: 'saved',
    flagged: true,
  })
  await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.unconfirmedFigures?.includes('completedInvestment') === true, {
    message: "the office to see the department's figure flagged 待确认",
  })
  editor.destroy()
}

describe('待确认数字 (figures awaiting the 项目办)', () => {
  test('a department cannot confirm its own flagged figure: a raw frame clearing the flag is refused and reaches nobody', async () => {
    const board = await startRoleBoard()
    await flaggedByDepartment(board)
    const raw = await editorRawSocket(board)
    raw.sendUpdate(captureUpdate(raw.doc, () => projectsRoot(raw.doc).get(board.own)?.delete('unconfirmedFigures')))
    expect(await refusal(raw, "the department's own confirmation")).toContain('只有项目办可以确认待确认数字（已完成投资）')
    await flushThroughObserver(board)
    expect(readProject(board.observer.doc, board.own)?.unconfirmedFigures).toEqual(['completedInvestment'])

    confirmProjectFigures(board.admin.doc, board.own, ['completedInvestment'])
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.unconfirmedFigures === undefined, {
      message: "the office's confirmation to reach everyone",
    })
    expect(readProject(board.observer.doc, board.own)?.completedInvestment).toBe(IMPOSSIBLE_WAN)
  })

  test('a department cannot slip an impossible figure past the check by writing it unflagged', async () => {
    const board = await startRoleBoard()
    const raw = await editorRawSocket(board)
    raw.sendUpdate(captureUpdate(raw.doc, () => projectsRoot(raw.doc).get(board.own)?.set('completedInvestment', IMPOSSIBLE_WAN)))
    expect(await refusal(raw, 'an unflagged impossible figure')).toMatch(/已完成投资 10000\.00亿元 超过项目总投资 5\.78亿元：确需填报的，须标记为待项目办确认/)
    await flushThroughObserver(board)
    expect(readProject(board.observer.doc, board.own)?.completedInvestment).toBe('0')
  })

  test('a department that corrects its flagged figure to a plausible one clears the flag itself', async () => {
    const board = await startRoleBoard()
    await flaggedByDepartment(board)
    const editor = await editorClient(board)
    expect(setProjectFigure(editor.doc, board.own, 'completedInvestment', '2033', { author: FigureAuthor.department })).toEqual({
      status: 'saved',
      flagged: false,
    })
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.completedInvestment === '2033', { message: 'the corrected figure to arrive' })
    expect(readProject(board.observer.doc, board.own)?.unconfirmedFigures).toBeUndefined()
    expect(editor.deniedReasons).toEqual([])
  })
})
