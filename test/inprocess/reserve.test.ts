import { describe, expect, it } from 'vitest'
import { AuditAction } from '@guatu/shared/domain/auditAction'
import { Role } from '@guatu/shared/domain/role'
import { Stage } from '@guatu/shared/domain/stage'
import { ReserveLevel, VettingStatus } from '@guatu/shared/domain/reserveCandidate'
import { RESERVE_DOC_ID } from '@guatu/shared/board/reserveDoc'
import { createAccount } from '../helpers/accounts.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import { createBoard, expectStatus, fetchBoard, fetchHistory, listBoards, requestJson } from '../helpers/rest.ts'
import { candidateOf, candidatesOf, historyOf, movedOf, reserveAs } from '../helpers/reserve.ts'

const OWN_UNIT = '工信局'
/** How the bootstrap admin is named in history. */
const OFFICE_LABEL = '项目办'

async function reserveServer() {
  const server = await startInProcessServer()
  const board2023 = await createBoard(server, '2023年重点项目', 2023)
  const department = await createAccount(server, {
    username: 'gxj_wang',
    password: 'gongxin-pass-2025',
    role: Role.editor,
    units: [OWN_UNIT],
    displayName: '工信局王科长',
  })
  return { server, board2023, department, office: reserveAs(server), dept: reserveAs(server, department.token) }
}

describe('项目库: propose, vet, correct, approve, move into a year', () => {
  it('walks a candidate from a department proposal into the 2023 board, every step in history', async () => {
    const { server, board2023, office, dept } = await reserveServer()

    const proposed = candidateOf(
      await dept.propose({
        name: '锂电池隔膜二期',
        unit: OWN_UNIT,
        level: ReserveLevel.preparing,
        industry: 'secondary',
        totalInvestment: '12000',
        sourceUnit: '城关镇',
      }),
      201,
      'the department proposes',
    )
    expect(proposed).toMatchObject({ status: VettingStatus.pending, unit: OWN_UNIT, sourceUnit: '城关镇', proposedByLabel: '工信局王科长（工信局）' })

    expect((await dept.vet(proposed.id, { decision: 'approve' })).status).toBe(403)
    expect((await office.vet(proposed.id, { decision: 'return', reason: ' ' })).status).toBe(400)
    const returned = candidateOf(await office.vet(proposed.id, { decision: 'return', reason: '总投资缺少测算依据' }), 200, 'the office returns it')
    expect(returned).toMatchObject({ status: VettingStatus.returned, returnReason: '总投资缺少测算依据' })
    expect((await office.move(proposed.id, board2023.id)).status).toBe(409)

    const corrected = candidateOf(await dept.correct(proposed.id, { totalInvestment: '15000', scope: '年产2亿平方米隔膜' }), 200, 'the department corrects it')
    expect(corrected).toMatchObject({ status: VettingStatus.pending, totalInvestment: '15000' })
    expect(corrected.returnReason).toBeUndefined()

    const approved = candidateOf(await office.vet(proposed.id, { decision: 'approve' }), 200, 'the office approves it')
    expect(approved.status).toBe(VettingStatus.approved)
    expect((await dept.move(proposed.id, board2023.id)).status).toBe(403)

    const moved = movedOf(await office.move(proposed.id, board2023.id), 'the office moves it into 2023')
    expect(moved).toMatchObject({ boardId: board2023.id, created: true, candidate: { movedBoardId: board2023.id, movedProjectId: moved.projectId } })
    const board = await fetchBoard(server, board2023.id)
    expect(board.projects).toHaveLength(1)
    expect(board.projects[0]).toMatchObject({ id: moved.projectId, name: '锂电池隔膜二期', stage: Stage.planning, unit: OWN_UNIT, totalInvestment: '15000' })

    // Twice is once: the second run finds the project and changes nothing.
    const again = movedOf(await office.move(proposed.id, board2023.id), 'the office moves it again')
    expect(again).toMatchObject({ created: false, projectId: moved.projectId })
    expect((await fetchBoard(server, board2023.id)).projects).toHaveLength(1)

    const entries = historyOf(await dept.history(proposed.id), 'the candidate history')
    expect(entries.map((entry) => [entry.action, entry.actor.label]).reverse()).toEqual([
      [AuditAction.proposeCandidate, '工信局王科长（工信局）'],
      [AuditAction.returnCandidate, OFFICE_LABEL],
      [AuditAction.editCandidate, '工信局王科长（工信局）'],
      [AuditAction.editCandidate, '工信局王科长（工信局）'],
      [AuditAction.resubmitCandidate, '工信局王科长（工信局）'],
      [AuditAction.approveCandidate, OFFICE_LABEL],
      [AuditAction.moveCandidate, OFFICE_LABEL],
    ])
    expect(entries.find((entry) => entry.action === AuditAction.returnCandidate)?.summary).toBe('项目办退回：总投资缺少测算依据')
    expect(entries[0]?.summary).toBe('列入年度看板「2023年重点项目」')

    // From the project on the board back to the candidate and its whole history.
    const origin = expectStatus(await dept.origin(board2023.id, moved.projectId), 200, 'the project origin') as {
      candidate: { id: string }
      entries: unknown[]
    }
    expect(origin.candidate.id).toBe(proposed.id)
    expect(origin.entries).toHaveLength(entries.length)
    const boardHistory = await fetchHistory(server, board2023.id, { projectId: moved.projectId })
    expect(boardHistory.map((entry) => entry.action)).toEqual([AuditAction.create])
  })

  it('keeps the reserve out of the boards: not listed, not readable as a board', async () => {
    const { server, office } = await reserveServer()
    candidateOf(await office.propose({ name: '城南污水处理厂', unit: '住建局', level: ReserveLevel.planning }), 201, 'the office proposes')
    expect((await listBoards(server)).map((board) => board.id)).not.toContain(RESERVE_DOC_ID)
    expect((await requestJson(server, `/api/boards/${RESERVE_DOC_ID}`)).status).toBe(404)
    expect((await requestJson(server, `/api/boards/${RESERVE_DOC_ID}/history`)).status).toBe(404)
  })

  it('refuses to move a candidate that is not approved, or into a board that does not exist', async () => {
    const { server, board2023, office } = await reserveServer()
    const pending = candidateOf(await office.propose({ name: '物流园冷库', unit: '商务局', level: ReserveLevel.proposed }), 201, 'propose')
    expect((await office.move(pending.id, board2023.id)).status).toBe(409)
    candidateOf(await office.vet(pending.id, { decision: 'approve' }), 200, 'approve')
    expect((await office.move(pending.id, 'b_nosuchboard00000')).status).toBe(404)
    movedOf(await office.move(pending.id, board2023.id), 'move into 2023')
    const board2024 = await createBoard(server, '2024年重点项目', 2024)
    expect((await office.move(pending.id, board2024.id)).status).toBe(409)
    expect((await fetchBoard(server, board2024.id)).projects).toEqual([])
  })

  it('lists candidates for the office, departments and leaders, and survives a restart', async () => {
    const { server, office } = await reserveServer()
    for (const name of ['一号储备', '二号储备']) candidateOf(await office.propose({ name, unit: '发改局', level: ReserveLevel.planning }), 201, name)
    await server.restart()
    expect(
      candidatesOf(await office.list(), 'the list after a restart')
        .map((candidate) => candidate.name)
        .sort(),
    ).toEqual(['一号储备', '二号储备'])
  })
})
