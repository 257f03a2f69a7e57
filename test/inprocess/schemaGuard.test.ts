import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { projectsRoot } from '@guatu/shared/board/boardDoc'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { ProjectId } from '@guatu/shared/domain/project'
import { MessageType } from '@guatu/shared/sync/protocol'
import { projectsSnapshot } from '../helpers/board.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { captureUpdate, openRawSyncSocket } from '../helpers/rawSocket.ts'
import { createBoard, fetchBoard } from '../helpers/rest.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'

const CHINESE = /[\u4e00-\u9fff]/

/**
 * Hand-made updates an admin's raw socket sends, each breaking the board schema in a way the
 * cases in rest.test.ts (bad stage, negative money, empty rank, a number as name) do not cover.
 * Each gets the synced document and the id of an existing project and returns the update.
 */
const FORGERIES: [string, (doc: Y.Doc, id: ProjectId) => Uint8Array][] = [
  ['总投资 written as words', (doc, id) => captureUpdate(doc, () => projectsRoot(doc).get(id)?.set('totalInvestment', '一百万'))],
  ['已完成投资 as a number instead of a string', (doc, id) => captureUpdate(doc, () => projectsRoot(doc).get(id)?.set('completedInvestment', 500))],
  ['年度计划投资 with three decimals', (doc, id) => captureUpdate(doc, () => projectsRoot(doc).get(id)?.set('annualPlanInvestment', '10.125'))],
  ['实际开工时间 on the 45th of month 13', (doc, id) => captureUpdate(doc, () => projectsRoot(doc).get(id)?.set('actualStartDate', '2025-13-45'))],
  ['计划投产时间 written with slashes', (doc, id) => captureUpdate(doc, () => projectsRoot(doc).get(id)?.set('plannedProduceDate', '2025/3/15'))],
  ['a field the schema does not know', (doc, id) => captureUpdate(doc, () => projectsRoot(doc).get(id)?.set('secretRemark', '内部备注'))],
  ['a project that is a string instead of a map', (doc) => captureUpdate(doc, () => projectsRoot(doc).set('p_notamap0001' as ProjectId, '伪造项目' as never))],
  [
    'a second copy of an existing project id, made on a document that never synced',
    (_doc, id) => {
      const stranger = new Y.Doc()
      createProject(stranger, { name: '同编号的伪造项目', unit: '发改局', stage: 'producing' }, { id })
      return Y.encodeStateAsUpdate(stranger)
    },
  ],
]

describe('schema checks on hand-made updates', () => {
  test.each(FORGERIES)('an update with %s is refused with a Chinese reason and reaches no one', async (_label, forge) => {
    const server = await startInProcessServer()
    const board = await createBoard(server, '结构校验')
    const admin = connectClient(server, board.id)
    const observer = connectClient(server, board.id)
    await admin.waitSynced()
    const id = createProject(admin.doc, {
      name: '高端装备制造产业园',
      stage: 'signed',
      unit: '工信局',
      totalInvestment: '57800' as WanAmount,
      plannedProduceDate: '2026-06-30' as never,
    })
    await waitForDoc(observer.doc, (doc) => listProjects(doc).length === 1, { message: 'the observer to see the project' })
    // Raw map contents: readProject would hide an unknown field or a bad value behind its defaults.
    const rawProject = () => JSON.stringify(projectsRoot(observer.doc).get(id)?.toJSON())
    const original = rawProject()

    const raw = await openRawSyncSocket(server, board.id)
    await raw.waitForFrame((frame) => frame.type === MessageType.sync && frame.syncType === 1, 'the board state (SyncStep2)')
    raw.sendUpdate(forge(raw.doc, id))
    await raw.waitForFrame((frame) => frame.type === MessageType.auth, 'a permission-denied message for the forged update')
    expect(raw.deniedReasons()[0]).toMatch(CHINESE)

    // A later valid edit reaches the observer after anything relayed before it.
    createProject(admin.doc, { name: '校验之后的项目', unit: '商务局' })
    await waitForDoc(observer.doc, (doc) => listProjects(doc).length === 2, { message: 'the observer to see the valid project made after the refusal' })
    expect(rawProject()).toBe(original)
    expect([...projectsRoot(observer.doc).keys()]).not.toContain('p_notamap0001')

    const lateJoiner = connectClient(server, board.id)
    await lateJoiner.waitSynced()
    expect(projectsSnapshot(lateJoiner.doc)).toBe(projectsSnapshot(observer.doc))
    const { projects } = await fetchBoard(server, board.id)
    expect(projects.map((p) => p.id).sort()).toEqual(
      listProjects(observer.doc)
        .map((p) => p.id)
        .sort(),
    )
  })
})
