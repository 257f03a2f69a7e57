import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ReserveLevel, VettingStatus } from '@guatu/shared/domain/reserveCandidate'
import { RESERVE_DOC_ID } from '@guatu/shared/board/reserveDoc'
import { Role } from '@guatu/shared/domain/role'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { createAccount, createScreenLink } from '../helpers/accounts.ts'
import { connectClient, waitAllSynced } from '../helpers/client.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import { expectRefusedWithoutContent } from '../helpers/refusedSockets.ts'
import { createBoard, fetchBoard, requestJson } from '../helpers/rest.ts'
import { candidateOf, candidatesOf, historyOf, reserveAs } from '../helpers/reserve.ts'
import { waitDenied } from '../helpers/roleBoard.ts'

const CHINESE = /[\u4e00-\u9fff]/

/** A reserve with an approved candidate and a pending one of 工信局, and every kind of caller. */
async function reserveUnderAttack() {
  const server = await startInProcessServer()
  const board = await createBoard(server, '2023年重点项目', 2023)
  const own = await createAccount(server, {
    username: 'gxj_li',
    password: 'gongxin-pass-2025',
    role: Role.editor,
    units: ['工信局'],
    displayName: '工信局李科长',
  })
  const other = await createAccount(server, {
    username: 'swj_zhao',
    password: 'shangwu-pass-2025',
    role: Role.editor,
    units: ['商务局'],
    displayName: '商务局赵科长',
  })
  const viewer = await createAccount(server, { username: 'ld_chen', password: 'lingdao-pass-2025', role: Role.viewer, units: [], displayName: '陈副县长' })
  const screen = await createScreenLink(server, board.id, { name: '会议室大屏' })
  const office = reserveAs(server)
  const pending = candidateOf(
    await reserveAs(server, own.token).propose({ name: '工信局待审项目', unit: '工信局', level: ReserveLevel.planning }),
    201,
    'propose',
  )
  const approved = candidateOf(await office.propose({ name: '工信局已通过项目', unit: '工信局', level: ReserveLevel.proposed }), 201, 'propose')
  candidateOf(await office.vet(approved.id, { decision: 'approve' }), 200, 'approve')
  return { server, board, own, other, viewer, screen, office, pending, approved }
}

async function expectRefused(response: Promise<{ status: number; body: unknown }>, status: number) {
  const answer = await response
  expect(answer.status).toBe(status)
  expect((answer.body as { error?: string }).error ?? '').toMatch(CHINESE)
}

describe('项目库 attacks', () => {
  it('a screen link sees nothing of the reserve and changes nothing', async () => {
    const { server, board, screen, pending, approved } = await reserveUnderAttack()
    const as = reserveAs(server, screen.token)
    await expectRefused(as.list(), 403)
    await expectRefused(as.history(pending.id), 403)
    await expectRefused(as.origin(board.id, 'p_rsv_00000000000000000000'), 403)
    await expectRefused(as.propose({ name: '大屏提出', unit: '工信局', level: ReserveLevel.planning }), 403)
    await expectRefused(as.correct(pending.id, { name: '大屏改名' }), 403)
    await expectRefused(as.vet(pending.id, { decision: 'approve' }), 403)
    await expectRefused(as.move(approved.id, board.id), 403)
    const exported = await fetch(`${server.url}/api/reserve/export.xlsx`, { headers: { authorization: `Bearer ${screen.token}` } })
    expect(exported.status).toBe(403)
    await expectRefusedWithoutContent(server, RESERVE_DOC_ID, { token: screen.token }, [CloseCode.forbidden, CloseCode.boardNotFound])
  })

  it('a leader reads the reserve and its history but cannot propose, correct, vet or move', async () => {
    const { server, board, viewer, office, pending, approved } = await reserveUnderAttack()
    const as = reserveAs(server, viewer.token)
    expect(
      candidatesOf(await as.list(), 'the leader reads')
        .map((candidate) => candidate.name)
        .sort(),
    ).toEqual(['工信局已通过项目', '工信局待审项目'])
    expect(historyOf(await as.history(pending.id), 'the leader reads history')).toHaveLength(1)
    await expectRefused(as.propose({ name: '领导提出', unit: '工信局', level: ReserveLevel.planning }), 403)
    await expectRefused(as.correct(pending.id, { name: '领导改名' }), 403)
    await expectRefused(as.vet(pending.id, { decision: 'approve' }), 403)
    await expectRefused(as.move(approved.id, board.id), 403)
    expect((await fetchBoard(server, board.id)).projects).toEqual([])
    const after = candidatesOf(await office.list(), 'the office list')
    expect(after.find((candidate) => candidate.id === pending.id)).toMatchObject({ name: '工信局待审项目', status: VettingStatus.pending })
  })

  it('another department cannot propose for, correct, approve or move a unit that is not its own', async () => {
    const { server, board, other, office, pending, approved } = await reserveUnderAttack()
    const as = reserveAs(server, other.token)
    await expectRefused(as.propose({ name: '冒名提出', unit: '工信局', level: ReserveLevel.planning }), 403)
    await expectRefused(as.correct(pending.id, { name: '商务局改名' }), 403)
    await expectRefused(as.vet(pending.id, { decision: 'approve' }), 403)
    await expectRefused(as.vet(pending.id, { decision: 'return', reason: '不同意' }), 403)
    await expectRefused(as.move(approved.id, board.id), 403)
    expect(historyOf(await office.history(pending.id), 'history').map((entry) => entry.actor.label)).toEqual(['工信局李科长（工信局）'])
  })

  it('a department cannot approve its own candidate, give it away, or write the server’s fields', async () => {
    const { server, own, office, pending, approved } = await reserveUnderAttack()
    const as = reserveAs(server, own.token)
    await expectRefused(as.vet(pending.id, { decision: 'approve' }), 403)
    await expectRefused(as.correct(pending.id, { unit: '商务局' }), 403)
    await expectRefused(as.correct(approved.id, { name: '通过后改名' }), 403)
    for (const forged of [{ status: 'approved' }, { movedBoardId: 'b_x' }, { proposedById: 'someone' }, { vettedAt: '2020-01-01T00:00:00Z' }]) {
      await expectRefused(as.correct(pending.id, forged), 400)
      await expectRefused(as.propose({ name: '伪造字段', unit: '工信局', level: ReserveLevel.planning, ...forged }), 400)
    }
    const stored = candidatesOf(await office.list(), 'list').find((candidate) => candidate.id === pending.id)
    expect(stored).toMatchObject({ status: VettingStatus.pending, unit: '工信局', name: '工信局待审项目' })
    expect(stored?.vettedAt).toBeUndefined()
  })

  it('no sync socket reaches the reserve, and a board refuses a forged candidates root', async () => {
    const { server, board, own, viewer } = await reserveUnderAttack()
    for (const token of [own.token, viewer.token, server.adminToken]) {
      await expectRefusedWithoutContent(server, RESERVE_DOC_ID, { token }, [CloseCode.boardNotFound])
    }
    // A department writing a candidate straight into a year's board: the board has no such root.
    const department = connectClient(server, board.id, { token: own.token })
    await waitAllSynced([department])
    const forged = new Y.Map<unknown>()
    department.doc.getMap('candidates').set('c_0123456789abcdef0123', forged)
    forged.set('status', 'approved')
    expect(await waitDenied(department, 'the forged candidates root to be refused')).toMatch(CHINESE)
    expect((await requestJson(server, `/api/boards/${board.id}`)).status).toBe(200)
  })
})
