import { beforeAll, describe, expect, test } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MessageType } from '@guatu/shared/sync/protocol'
import { projectsRoot } from '@guatu/shared/board/boardDoc'
import { FigureAuthor, setProjectFigure } from '@guatu/shared/board/figureCommands'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import { captureUpdate, openRawSyncSocket, type RawSyncSocket } from '../helpers/rawSocket.ts'
import { flushThroughObserver, OWN_UNIT, startRoleBoard, type RoleBoard } from '../helpers/roleBoard.ts'
import { fetchBoard } from '../helpers/rest.ts'

function projectMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const map = projectsRoot(doc).get(id)
  if (!(map instanceof Y.Map)) throw new Error(`project ${id} is not on the board`)
  return map
}

let board: RoleBoard

beforeAll(async () => {
  board = await startRoleBoard()
})

/** An editor's raw socket with the whole board, and no SyncStep1 of its own still unanswered. */
async function openEditor(): Promise<RawSyncSocket> {
  const raw = await openRawSyncSocket(board.server, board.boardId, { token: board.editor.token })
  await raw.waitForFrame((frame) => frame.syncType === syncProtocol.messageYjsSyncStep2, 'the answer to the opening SyncStep1')
  await raw.roundTrip()
  return raw
}

describe('the money ceiling over the wire', () => {
  test('an editor setting or creating a project above 10,000 亿元 is refused with a Chinese reason and nobody sees it', async () => {
    const raw = await openEditor()
    const before = readProject(board.observer.doc, board.own)?.totalInvestment

    // Written to the map directly: the shared commands would refuse it before it left the client.
    raw.sendUpdate(captureUpdate(raw.doc, () => projectMap(raw.doc, board.own).set('totalInvestment', '999999999999.99')))
    await raw.waitForFrame((frame) => frame.type === MessageType.auth, 'the refusal of the edit')
    expect(raw.deniedReasons()).toEqual(['总投资不能超过10000亿元（100000000万元）'])

    // A fresh socket: the refused edit lives on in the first one's document.
    const creator = await openEditor()
    creator.sendUpdate(
      captureUpdate(creator.doc, () => {
        const id = createProject(creator.doc, { name: '超大项目', stage: 'planning', unit: OWN_UNIT })
        projectMap(creator.doc, id).set('annualPlanInvestment', '100000000.01')
      }),
    )
    await creator.waitForFrame((frame) => frame.type === MessageType.auth, 'the refusal of the new project')
    expect(creator.deniedReasons()).toEqual(['年度计划投资不能超过10000亿元（100000000万元）'])

    await flushThroughObserver(board)
    expect(readProject(board.observer.doc, board.own)?.totalInvestment).toBe(before)
    expect(listProjects(board.observer.doc).map((project) => project.name)).not.toContain('超大项目')
    const { projects } = await fetchBoard(board.server, board.boardId)
    expect(projects.map((project) => project.totalInvestment)).not.toContain('999999999999.99')
  })

  test('an amount of exactly 10,000 亿元 is accepted and shown to everyone', async () => {
    const raw = await openEditor()
    // From 5.78亿元 it is implausible: the department confirms it, so it waits flagged for the office.
    raw.sendUpdate(
      captureUpdate(raw.doc, () => {
        const write = setProjectFigure(raw.doc, board.own, 'totalInvestment', '100000000', { author: FigureAuthor.department, confirmed: true })
        expect(write).toEqual({ status: 'saved', flagged: true })
      }),
    )
    await raw.roundTrip()
    expect(raw.deniedReasons()).toEqual([])
    await flushThroughObserver(board)
    expect(readProject(board.observer.doc, board.own)?.totalInvestment).toBe('100000000')
  })
})
