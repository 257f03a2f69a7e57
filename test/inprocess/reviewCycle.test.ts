import { describe, expect, test } from 'vitest'
import type { UserMeResponse } from '@guatu/shared/api/session'
import type { ProgressReport } from '@guatu/shared/api/reports'
import { writeReportingSettings } from '@guatu/shared/board/boardSettingsAccess'
import { createProject } from '@guatu/shared/board/projectCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import { confirmProposals, proposeChange, returnProposal, submitPeriod } from '@guatu/shared/board/reviewCommands'
import { listSubmissions, openProposalsOf, proposalsByUnit } from '@guatu/shared/board/reviewQueries'
import type { ReportingStatusResponse } from '@guatu/shared/api/reporting'
import { todayInChina } from '@guatu/shared/domain/dates'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { UserPrincipal } from '@guatu/shared/domain/principal'
import { proposalIdOf } from '@guatu/shared/domain/proposal'
import { DEFAULT_REPORTING_SETTINGS, periodOf } from '@guatu/shared/domain/reportingPeriod'
import type { WeeklyRanking } from '@guatu/shared/progress/ranking'
import { createAccount } from '../helpers/accounts.ts'
import { connectClient, waitAllSynced, waitForDoc } from '../helpers/client.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import { createBoard, expectStatus, fetchHistory, requestJson } from '../helpers/rest.ts'
import type { TestServer } from '../helpers/server.ts'

async function progressJson(server: TestServer, boardId: string): Promise<ProgressReport> {
  return expectStatus(await requestJson<ProgressReport>(server, `/api/boards/${boardId}/progress`), 200, 'GET progress')
}

async function unitRanking(server: TestServer, boardId: string): Promise<WeeklyRanking> {
  return expectStatus(await requestJson<WeeklyRanking>(server, `/api/boards/${boardId}/ranking?by=unit`), 200, 'GET ranking')
}

const advancesOf = (ranking: WeeklyRanking, unit: string) => ranking.rows.find((row) => row.name === unit)?.advances

describe('the reporting cycle with real clients', () => {
  test('a proposal is seen live marked 待审核 but moves neither the progress JSON nor the ranking; a return reaches the unit with its reason; resubmitted and confirmed, it does', async () => {
    const server = await startInProcessServer()
    const year = Number(todayInChina().slice(0, 4))
    const board = await createBoard(server, '报送审核看板', year)
    const gx = await createAccount(server, { username: 'gxj', password: 'gongxin-pass-2025', role: 'editor', units: ['工信局'], displayName: '工信局刘科长' })
    const me = expectStatus(await requestJson<UserMeResponse>(server, '/api/me'), 200, 'GET /api/me').user
    const office: UserPrincipal = { kind: 'user', userId: me.id, username: me.username, displayName: me.displayName, role: 'admin', units: [] }
    const department: UserPrincipal = { kind: 'user', userId: gx.user.id, username: 'gxj', displayName: '工信局刘科长', role: 'editor', units: ['工信局'] }

    const admin = connectClient(server, board.id)
    const unit = connectClient(server, board.id, { token: gx.token })
    await waitAllSynced([admin, unit])
    const fiber = createProject(admin.doc, {
      name: '华能高性能纤维项目',
      unit: '工信局',
      stage: 'planning',
      totalInvestment: '57800' as WanAmount,
      annualPlanInvestment: '12000' as WanAmount,
    })
    createProject(admin.doc, { name: '冷链物流园', unit: '商务局', stage: 'planning', totalInvestment: '32000' as WanAmount })
    writeReportingSettings(admin.doc, DEFAULT_REPORTING_SETTINGS)
    await waitForDoc(unit.doc, (doc) => readProject(doc, fiber) !== undefined, { message: 'the unit to see its project' })

    const progressBefore = JSON.stringify(await progressJson(server, board.id))
    const rankingBefore = await unitRanking(server, board.id)
    expect(advancesOf(rankingBefore, '工信局')).toBe(0)

    // The unit reports: 已完成投资 2600万元 and the move to 签约.
    proposeChange(unit.doc, fiber, 'completedInvestment', '2600', department)
    proposeChange(unit.doc, fiber, 'stage', 'signed', department)
    await waitForDoc(admin.doc, (doc) => openProposalsOf(doc, fiber).length === 2, { message: "the office to see the unit's two proposals live" })
    const seen = openProposalsOf(admin.doc, fiber)
    expect(seen.map(({ field, value, status, proposedByLabel }) => ({ field, value, status, proposedByLabel }))).toEqual([
      { field: 'completedInvestment', value: '2600', status: 'pending', proposedByLabel: '工信局刘科长（工信局）' },
      { field: 'stage', value: 'signed', status: 'pending', proposedByLabel: '工信局刘科长（工信局）' },
    ])
    expect(proposalsByUnit(admin.doc).get('工信局')?.length).toBe(2)
    expect(readProject(admin.doc, fiber)).toMatchObject({ completedInvestment: '0', stage: 'planning' })
    expect(JSON.stringify(await progressJson(server, board.id)), 'the progress JSON reads confirmed figures only').toBe(progressBefore)
    expect(await unitRanking(server, board.id), 'the ranking does not move for a proposal').toEqual(rankingBefore)

    // The office returns the stage move with a reason and confirms the money.
    const stageProposal = proposalIdOf(fiber, 'stage')
    returnProposal(admin.doc, stageProposal, '尚未签订正式投资协议，请附协议后再报', office)
    confirmProposals(admin.doc, [proposalIdOf(fiber, 'completedInvestment')], office)
    await waitForDoc(unit.doc, (doc) => openProposalsOf(doc, fiber).find((proposal) => proposal.field === 'stage')?.status === 'returned', {
      message: 'the return to reach the unit',
    })
    expect(openProposalsOf(unit.doc, fiber)).toEqual([
      expect.objectContaining({
        field: 'stage',
        status: 'returned',
        returnReason: '尚未签订正式投资协议，请附协议后再报',
        returns: 1,
        returnedByLabel: office.displayName,
      }),
    ])
    await waitForDoc(unit.doc, (doc) => readProject(doc, fiber)?.completedInvestment === '2600', { message: 'the confirmed figure to reach the unit' })
    const progressAfterMoney = await progressJson(server, board.id)
    expect(JSON.stringify(progressAfterMoney)).not.toBe(progressBefore)
    expect(JSON.stringify(progressAfterMoney.progress)).toContain('"investment"')
    expect(advancesOf(await unitRanking(server, board.id), '工信局'), 'a returned move is not an advance').toBe(0)

    // The unit corrects and resubmits; the office confirms the unit's proposals in one step.
    proposeChange(unit.doc, fiber, 'stage', 'signed', department)
    await waitForDoc(admin.doc, (doc) => proposalsByUnit(doc).get('工信局')?.length === 1, { message: 'the resubmission to reach the office' })
    const unitProposals = (proposalsByUnit(admin.doc).get('工信局') ?? []).map((proposal) => proposal.id)
    expect(confirmProposals(admin.doc, unitProposals, office)).toEqual([stageProposal])
    await waitForDoc(unit.doc, (doc) => readProject(doc, fiber)?.stage === 'signed', { message: 'the confirmed move to reach the unit' })
    expect(openProposalsOf(unit.doc, fiber)).toEqual([])
    expect(readProject(unit.doc, fiber)?.actualSignDate?.slice(0, 4), 'the move records its 实际签约时间').toBe(String(year))
    expect(advancesOf(await unitRanking(server, board.id), '工信局'), 'the confirmed move counts in the ranking').toBe(1)

    const history = (await fetchHistory(server, board.id, { projectId: fiber })).map((entry) => `${entry.actor.label}：${entry.summary}`).reverse()
    expect(history.filter((line) => /申报|退回|确认/.test(line))).toEqual([
      '工信局刘科长（工信局）：申报已完成投资：2600万元（待审核）',
      '工信局刘科长（工信局）：申报当前阶段：签约（待审核）',
      `${office.displayName}：退回申报的当前阶段：尚未签订正式投资协议，请附协议后再报`,
      `${office.displayName}：确认申报的已完成投资：2600万元`,
      '工信局刘科长（工信局）：申报当前阶段：签约（待审核）',
      `${office.displayName}：确认申报的当前阶段：签约`,
    ])
    // The unit reports the period; GET …/reporting says where every unit stands.
    const period = periodOf(DEFAULT_REPORTING_SETTINGS, todayInChina()).id
    submitPeriod(unit.doc, '工信局', period, department)
    await waitForDoc(admin.doc, (doc) => listSubmissions(doc).length === 1, { message: 'the 报送 to reach the office' })
    const reporting = expectStatus(await requestJson<ReportingStatusResponse>(server, `/api/boards/${board.id}/reporting`), 200, 'GET reporting')
    expect(reporting).toMatchObject({ enabled: true, deadlineRule: '每月25日前', period: { id: period }, pendingProposals: 0 })
    expect(reporting.units.map((row) => [row.unit, row.status, row.submission?.submittedByLabel])).toEqual([
      ['工信局', 'reviewed', '工信局刘科长（工信局）'],
      ['商务局', reporting.period && todayInChina() > reporting.period.deadline ? 'overdue' : 'notReported', undefined],
    ])

    expect(admin.deniedReasons).toEqual([])
    expect(unit.deniedReasons).toEqual([])
  })
})
