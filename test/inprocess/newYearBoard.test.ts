import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { issueNotice } from '@guatu/shared/board/noticeCommands'
import { listNotices } from '@guatu/shared/board/noticeQueries'
import { raiseProblem, solveProblem } from '@guatu/shared/board/problemCommands'
import { listProblems } from '@guatu/shared/board/problemQueries'
import { createProject, updateProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import type { BoardDetailResponse } from '@guatu/shared/api/boards'
import type { HistoryResponse } from '@guatu/shared/api/history'
import type { UserMeResponse } from '@guatu/shared/api/session'
import type { ProjectYears, RolloverPreview, RolloverResult, RollupResponse } from '@guatu/shared/api/years'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { Principal } from '@guatu/shared/domain/principal'
import type { Project } from '@guatu/shared/domain/project'
import { Role } from '@guatu/shared/domain/role'
import { createAccount, createScreenLink } from '../helpers/accounts.ts'
import { connectClient, waitAllSynced, waitForDoc } from '../helpers/client.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import { createBoard, expectStatus, requestJson } from '../helpers/rest.ts'
import { startRoleBoard } from '../helpers/roleBoard.ts'
import { waitFor } from '../helpers/wait.ts'

const office: Principal = { kind: 'user', userId: '', username: 'admin', displayName: '项目办', role: 'admin', units: [] }

/** Exact cents, computed here with BigInt, independently of the money module the server uses. */
function plusCents(a: string | undefined, b: string): string {
  const cents = (text: string) => {
    const [whole, fraction = ''] = text.split('.')
    return BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'))
  }
  const total = cents(a ?? '0') + cents(b)
  const whole = total / 100n
  const rest = total % 100n
  return rest === 0n ? String(whole) : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`
}

describe('新建年度看板: the 2022 demo board rolls over into 2023', () => {
  test('the carried set, reset and cumulative figures, open problems and 督办单, safe to run twice, history back into 2022', async () => {
    const server = await startInProcessServer({ demo: true })
    const me = expectStatus(await requestJson<UserMeResponse>(server, '/api/me'), 200, 'GET /api/me').user
    const actor: Principal = { ...office, userId: me.id }
    const admin = connectClient(server, 'demo', { acks: true })
    await waitAllSynced([admin])
    const before = listProjects(admin.doc)
    const started = before.find((project) => project.stage === 'started' && project.completedInvestment !== '0')!
    const producing = before.find((project) => project.stage === 'producing')!
    const planning = before.find((project) => project.stage === 'planning' && project.actualStartDate === undefined)!
    // A figure with cents and an earlier cumulative, the open and solved problems, an open and a closed 督办单.
    updateProject(admin.doc, started.id, { completedInvestment: '1234.57' as WanAmount, name: `${started.name}（一期）` })
    const openProblem = raiseProblem(admin.doc, started.id, { category: 'land', description: '用地报批未完成', leadUnit: '自然资源局' }, actor)
    const solved = raiseProblem(admin.doc, started.id, { category: 'funding', description: '资金到位慢', leadUnit: '财政局' }, actor)
    solveProblem(admin.doc, solved, actor)
    raiseProblem(admin.doc, producing.id, { category: 'other', description: '验收资料未齐', leadUnit: '住建局' }, actor)
    const openNotice = issueNotice(admin.doc, started.id, { level: 'blue', requirement: '9月底前完成用地报批', deadline: '2022-09-30' as IsoDate }, actor)
    await admin.waitSaved()
    const board2022 = listProjects(admin.doc)

    // Expected, from the 2022 board alone: everything not 投产.
    const expectedIds = board2022
      .filter((project) => project.stage !== 'producing')
      .map((project) => project.id)
      .sort()

    const preview = expectStatus(await requestJson<RolloverPreview>(server, '/api/boards/demo/rollover/preview', { body: { year: 2023 } }), 200, 'preview')
    expect(preview.target).toEqual({ id: 'demo-2023', name: '示例区2023年重点项目', year: 2023, exists: false })
    expect(preview.carried.map((project) => project.id).sort()).toEqual(expectedIds)
    expect(preview.left.map((project) => project.id).sort()).toEqual(
      board2022
        .filter((project) => project.stage === 'producing')
        .map((project) => project.id)
        .sort(),
    )
    expect(preview.carried.find((project) => project.id === started.id)?.changes).toEqual(expect.arrayContaining(['年度计划投资清零', '已完成投资清零']))
    expect(preview.problems).toBe(listProblems(admin.doc).filter((problem) => problem.status === 'open' && expectedIds.includes(problem.projectId)).length)
    expect(preview.notices).toBe(1)
    // The preview wrote nothing.
    expect((await requestJson(server, '/api/boards/demo-2023')).status).toBe(404)

    const result = expectStatus(await requestJson<RolloverResult>(server, '/api/boards/demo/rollover', { body: { year: 2023 } }), 201, 'commit')
    expect(result).toMatchObject({ created: true, carried: expectedIds.length, board: { id: 'demo-2023', year: 2023, projectCount: expectedIds.length } })

    const next = expectStatus(await requestJson<BoardDetailResponse>(server, '/api/boards/demo-2023'), 200, 'the 2023 board').projects as Project[]
    expect(next.map((project) => project.id).sort()).toEqual(expectedIds)
    for (const project of next) {
      const old = board2022.find((candidate) => candidate.id === project.id)!
      expect(project.annualPlanInvestment, project.name).toBe('0')
      expect(project.completedInvestment, project.name).toBe('0')
      expect(project.cumulativeInvestment, project.name).toBe(plusCents(old.cumulativeInvestment, old.completedInvestment))
      expect(project.stage, project.name).toBe(old.stage)
      expect(project.actualStartDate, project.name).toBe(old.actualStartDate)
      expect(project.actualSignDate, project.name).toBe(old.actualSignDate)
      expect(project.carriedFrom, project.name).toBe('demo')
      expect(project.firstYear, project.name).toBe(2022)
      const wasStarted = old.stage === 'started' || old.actualStartDate !== undefined
      expect(project.nature, project.name).toBe(wasStarted ? 'continued' : old.nature)
    }
    expect(next.find((project) => project.id === started.id)?.cumulativeInvestment).toBe(plusCents(started.cumulativeInvestment, '1234.57'))
    expect(next.find((project) => project.id === planning.id)?.nature).toBe(planning.nature)

    const carried = connectClient(server, 'demo-2023', { acks: true })
    await waitAllSynced([carried])
    const problems = listProblems(carried.doc)
    expect(problems.map((problem) => problem.id)).toContain(openProblem)
    expect(problems.map((problem) => problem.id)).not.toContain(solved)
    expect(problems.every((problem) => problem.status === 'open' && expectedIds.includes(problem.projectId))).toBe(true)
    const carriedProblem = problems.find((problem) => problem.id === openProblem)!
    const oldProblem = listProblems(admin.doc).find((problem) => problem.id === openProblem)!
    expect({ by: carriedProblem.raisedById, at: carriedProblem.raisedAt }).toEqual({ by: oldProblem.raisedById, at: oldProblem.raisedAt })
    expect(listNotices(carried.doc).map((notice) => notice.id)).toEqual([openNotice])

    // Running it again changes nothing.
    const stateBefore = Y.encodeStateAsUpdate(carried.doc)
    const again = expectStatus(await requestJson<RolloverResult>(server, '/api/boards/demo/rollover', { body: { year: 2023 } }), 200, 'commit again')
    expect(again).toMatchObject({ created: false, carried: 0, board: { id: 'demo-2023' } })
    expect((await requestJson<RolloverPreview>(server, '/api/boards/demo/rollover/preview', { body: { year: 2023 } })).body.target.exists).toBe(true)
    const boards = expectStatus(await requestJson<{ boards: { id: string }[] }>(server, '/api/boards'), 200, 'boards').boards
    expect(boards.map((board) => board.id).sort()).toEqual(['demo', 'demo-2023'])
    await carried.waitSaved()
    expect(Y.encodeStateAsUpdate(carried.doc)).toEqual(stateBefore)

    // One project, several years: from the 2023 board back into 2022's history.
    const years = expectStatus(await requestJson<ProjectYears>(server, `/api/boards/demo-2023/projects/${started.id}/years`), 200, 'years').years
    expect(years).toEqual([
      { boardId: 'demo-2023', name: '示例区2023年重点项目', year: 2023 },
      { boardId: 'demo', name: '示例区2022年重点项目', year: 2022 },
    ])
    const history2022 = expectStatus(
      await requestJson<HistoryResponse>(server, `/api/boards/${years[1]!.boardId}/history?projectId=${started.id}`),
      200,
      'the 2022 history',
    ).entries
    expect(history2022.some((entry) => entry.field === 'name' && entry.to === `${started.name}（一期）`)).toBe(true)
  })
})

describe('新建年度看板 attacks', () => {
  test('a department, the leader and a screen link cannot preview or make the new year’s board', async () => {
    const board = await startRoleBoard()
    for (const [who, token] of [
      ['another department', board.editor.token],
      ['the viewer (leader)', board.viewer.token],
      ['a screen link', board.screen.token],
    ] as const) {
      for (const path of ['rollover/preview', 'rollover']) {
        const response = await requestJson(board.server, `/api/boards/${board.boardId}/${path}`, { token, body: { year: 2026 } })
        expect(response.status, `${who} ${path}`).toBe(403)
      }
    }
    expect((await requestJson(board.server, `/api/boards/${board.boardId}-2026`)).status).toBe(404)
  })

  test('no client can forge the cross-year link, and only the office may write 累计完成投资', async () => {
    const board = await startRoleBoard()
    const { editor, admin } = board
    const department = connectClient(board.server, board.boardId, { token: editor.token })
    await waitAllSynced([department])
    // The department on its own project: 累计完成投资 and the link are refused.
    for (const patch of [{ cumulativeInvestment: '999999' }, { carriedFrom: 'demo' }, { firstYear: 2001 }]) {
      const [field, value] = Object.entries(patch)[0]!
      department.doc.getMap<Y.Map<unknown>>('projects').get(board.own)!.set(field, value)
    }
    // Even the office cannot claim a link: only the rollover (the server) writes it.
    const forger = connectClient(board.server, board.boardId)
    await waitAllSynced([forger])
    forger.doc.getMap<Y.Map<unknown>>('projects').get(board.own)!.set('carriedFrom', 'forged-board')
    await waitFor(() => department.deniedReasons.length >= 1 && forger.deniedReasons.length >= 1, { message: 'both forgeries refused' })
    // The office corrects 累计完成投资.
    updateProject(admin.doc, board.other, { cumulativeInvestment: '150.25' as WanAmount })
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.other)?.cumulativeInvestment === '150.25', { message: 'the office correction' })
    const stored = expectStatus(await requestJson<BoardDetailResponse>(board.server, `/api/boards/${board.boardId}`), 200, 'board').projects as Project[]
    const own = stored.find((project) => project.id === board.own)!
    expect({ cumulative: own.cumulativeInvestment, link: own.carriedFrom, first: own.firstYear }).toEqual({
      cumulative: undefined,
      link: undefined,
      first: undefined,
    })
    expect(stored.find((project) => project.id === board.other)?.cumulativeInvestment).toBe('150.25')
  })

  test('rollups show only the boards the caller may read, with exact totals', async () => {
    const server = await startInProcessServer()
    const first = await createBoard(server, '甲县2025年重点项目')
    const second = await createBoard(server, '乙县2025年重点项目')
    const client = connectClient(server, first.id, { acks: true })
    const other = connectClient(server, second.id, { acks: true })
    await waitAllSynced([client, other])
    createProject(client.doc, { name: '甲项目', unit: '工信局', totalInvestment: '100.01' as WanAmount, completedInvestment: '0.02' as WanAmount })
    createProject(other.doc, { name: '乙项目', unit: '商务局', stage: 'started', totalInvestment: '200.1' as WanAmount })
    await client.waitSaved()
    await other.waitSaved()
    const all = expectStatus(await requestJson<RollupResponse>(server, '/api/rollups'), 200, 'rollup')
    expect(all.boards.map((board) => board.boardId).sort()).toEqual([first.id, second.id].sort())
    expect(all.totals).toMatchObject({ projects: 2, totalInvestmentWan: '300.11', completedInvestmentWan: '0.02', byStage: { planning: 1, started: 1 } })

    const viewer = await createAccount(server, {
      username: 'lingdao_rollup',
      password: 'lingdao-pass-2025',
      role: Role.viewer,
      units: [],
      displayName: '王县长',
    })
    expect(expectStatus(await requestJson<RollupResponse>(server, '/api/rollups', { token: viewer.token }), 200, 'viewer rollup').boards).toHaveLength(2)
    const link = await createScreenLink(server, first.id)
    const screen = expectStatus(await requestJson<RollupResponse>(server, '/api/rollups', { token: link.token }), 200, 'screen rollup')
    expect(screen.boards.map((board) => board.boardId)).toEqual([first.id])
    expect(screen.totals.totalInvestmentWan).toBe('100.01')
    expect((await requestJson(server, '/api/rollups', { token: null })).status).toBe(401)
  })
})
