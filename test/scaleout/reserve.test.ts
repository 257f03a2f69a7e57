import { describe, expect, test } from 'vitest'
import { AuditAction } from '@guatu/shared/domain/auditAction'
import { ReserveLevel, VettingStatus } from '@guatu/shared/domain/reserveCandidate'
import { Role } from '@guatu/shared/domain/role'
import { createAccount } from '../helpers/accounts.ts'
import { createBoard, fetchBoard } from '../helpers/rest.ts'
import { candidateOf, candidatesOf, historyOf, movedOf, reserveAs } from '../helpers/reserve.ts'
import { startCluster } from './cluster.ts'

describe('项目库 on PostgreSQL + Redis, two processes', () => {
  test('each step lands on whichever process serves it, and moving twice across processes makes one project', async () => {
    const { servers } = await startCluster(2)
    const [a, b] = servers as [(typeof servers)[number], (typeof servers)[number]]
    const department = await createAccount(a, {
      username: 'gxj_pg',
      password: 'gongxin-pg-2025',
      role: Role.editor,
      units: ['工信局'],
      displayName: '工信局周科长',
    })
    const board = await createBoard(b, '2023年重点项目', 2023)

    const proposed = candidateOf(
      await reserveAs(a, department.token).propose({ name: '光伏组件扩产', unit: '工信局', level: ReserveLevel.proposed }),
      201,
      'propose on A',
    )
    candidateOf(await reserveAs(b).vet(proposed.id, { decision: 'return', reason: '缺少用地预审意见' }), 200, 'return on B')
    const corrected = candidateOf(await reserveAs(a, department.token).correct(proposed.id, { location: '产业园东区' }), 200, 'correct on A')
    expect(corrected.status).toBe(VettingStatus.pending)
    candidateOf(await reserveAs(b).vet(proposed.id, { decision: 'approve' }), 200, 'approve on B')

    const moved = movedOf(await reserveAs(a).move(proposed.id, board.id), 'move on A')
    expect(moved.created).toBe(true)
    const again = movedOf(await reserveAs(b).move(proposed.id, board.id), 'move again on B')
    expect(again).toMatchObject({ created: false, projectId: moved.projectId })
    for (const server of [a, b]) expect((await fetchBoard(server, board.id)).projects.map((project) => project.id)).toEqual([moved.projectId])

    const [onB] = candidatesOf(await reserveAs(b).list(), 'list on B')
    expect(onB).toMatchObject({ status: VettingStatus.approved, location: '产业园东区', movedBoardId: board.id, movedProjectId: moved.projectId })
    const actions = historyOf(await reserveAs(a).history(proposed.id), 'history on A').map((entry) => entry.action)
    expect(actions.reverse()).toEqual([
      AuditAction.proposeCandidate,
      AuditAction.returnCandidate,
      AuditAction.editCandidate,
      AuditAction.resubmitCandidate,
      AuditAction.approveCandidate,
      AuditAction.moveCandidate,
    ])
  })
})
