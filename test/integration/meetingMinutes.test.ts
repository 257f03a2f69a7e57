import { describe, expect, it } from 'vitest'
import { boardTotals, endMeeting, recordDecision, setReportingUnit, startMeeting } from '@guatu/shared/board/meetingCommands'
import { runningMeeting } from '@guatu/shared/board/meetingQueries'
import { raiseProblem, solveProblem } from '@guatu/shared/board/problemCommands'
import { createProject, moveProject } from '@guatu/shared/board/projectCommands'
import { listProblems } from '@guatu/shared/board/problemQueries'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { Principal } from '@guatu/shared/domain/principal'
import { createAccount } from '../helpers/accounts.ts'
import { connectClient, waitAllSynced, waitForDoc } from '../helpers/client.ts'
import { authHeaders, createBoard, expectStatus, requestJson } from '../helpers/rest.ts'
import { startServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/wait.ts'

interface MinutesBody {
  meeting: { title: string; status: string }
  units: { unit: string; reported: boolean; changes: { projectName: string; summary: string; actor: string }[]; problemsSolved: { projectName: string }[]; decisions: { content: string }[] }[]
  decisions: { projectName: string; content: string; assignee: string }[]
  totalsBefore: { byStage: Record<string, { count: number }> }
  totalsAfter: { byStage: Record<string, { count: number }> }
}

const office: Principal = { kind: 'user', userId: '', username: 'admin', displayName: '项目办', role: 'admin', units: [] }

describe('meeting minutes', () => {
  it('list exactly what each reporting unit changed and solved, the decisions, and the board before and after', async () => {
    const server = await startServer()
    const board = await createBoard(server, '示例区', 2022)
    const gx = await createAccount(server, { username: 'gxj', password: 'gongxin-pass-1', role: 'editor', units: ['工信局'], displayName: '工信局刘科长' })
    const sw = await createAccount(server, { username: 'swj', password: 'shangwu-pass-1', role: 'editor', units: ['商务局'], displayName: '商务局王科长' })
    const admin = connectClient(server, board.id, { acks: true })
    const gxClient = connectClient(server, board.id, { token: gx.token })
    const swClient = connectClient(server, board.id, { token: sw.token })
    await waitAllSynced([admin, gxClient, swClient])
    const me = expectStatus(await requestJson<{ user: { id: string } }>(server, '/api/me'), 200, 'GET /api/me').user
    const chair: Principal = { ...office, userId: me.id }
    const gxPrincipal: Principal = { kind: 'user', userId: gx.user.id, username: 'gxj', displayName: '工信局刘科长', role: 'editor', units: ['工信局'] }
    const swPrincipal: Principal = { kind: 'user', userId: sw.user.id, username: 'swj', displayName: '商务局王科长', role: 'editor', units: ['商务局'] }

    const fibre = createProject(admin.doc, { name: '华能高性能纤维项目', unit: '工信局', stage: 'signed' })
    const mall = createProject(admin.doc, { name: '瑞丰购物广场项目', unit: '商务局', stage: 'planning' })
    const land = raiseProblem(admin.doc, fibre, { category: 'land', description: '用地指标尚未落实', leadUnit: '自然资源局' }, chair)
    const funds = raiseProblem(admin.doc, mall, { category: 'funding', description: '企业融资未到位', leadUnit: '商务局' }, chair)
    await waitForDoc(swClient.doc, (doc) => listProblems(doc).length === 2, { message: 'both departments to see the seeded board' })
    await waitForDoc(gxClient.doc, (doc) => listProblems(doc).length === 2, { message: 'the 工信局 client to see the seeded board' })

    const meeting = startMeeting(admin.doc, { title: '8月项目调度会', date: '2022-08-22' as IsoDate, attendees: ['工信局', '商务局', '发改局'], agenda: ['工信局', '商务局'] }, boardTotals(listProjects(admin.doc)), chair)
    setReportingUnit(admin.doc, meeting, '工信局')
    await waitForDoc(gxClient.doc, (doc) => runningMeeting(doc)?.reportingUnit === '工信局', { message: 'the meeting to reach 工信局' })
    moveProject(gxClient.doc, fibre, { stage: 'started' }, { today: '2022-08-22' as IsoDate })
    solveProblem(gxClient.doc, land, gxPrincipal)
    recordDecision(admin.doc, { meetingId: meeting, projectId: fibre, content: '9月底前完成设备进场', assignee: '工信局', deadline: '2022-09-30' as IsoDate }, chair)
    await waitForDoc(admin.doc, (doc) => listProblems(doc).some((problem) => problem.id === land && problem.status === 'solved'), { message: '工信局 changes to reach the office' })
    setReportingUnit(admin.doc, meeting, '商务局')
    await waitForDoc(swClient.doc, (doc) => runningMeeting(doc)?.reportingUnit === '商务局', { message: '商务局 to be called' })
    moveProject(swClient.doc, mall, { stage: 'signed' }, { today: '2022-08-22' as IsoDate })
    solveProblem(swClient.doc, funds, swPrincipal)
    await waitForDoc(admin.doc, (doc) => listProblems(doc).every((problem) => problem.status === 'solved'), { message: '商务局 changes to reach the office' })
    endMeeting(admin.doc, meeting, boardTotals(listProjects(admin.doc)))
    await admin.waitSaved()

    const minutes = expectStatus(await requestJson<MinutesBody>(server, `/api/boards/${board.id}/meetings/${meeting}/minutes`), 200, 'GET minutes')
    expect(minutes.meeting).toMatchObject({ title: '8月项目调度会', status: 'ended' })
    const unit = (name: string) => minutes.units.find((entry) => entry.unit === name)!
    expect(unit('工信局').reported).toBe(true)
    expect(unit('工信局').changes.map((change) => [change.projectName, change.summary, change.actor])).toEqual([
      ['华能高性能纤维项目', '移动：签约 → 开工', '工信局刘科长（工信局）'],
      ['华能高性能纤维项目', '修改 实际开工时间：（空） → 2022年8月22日', '工信局刘科长（工信局）'],
    ])
    expect(unit('工信局').problemsSolved.map((item) => item.projectName)).toEqual(['华能高性能纤维项目'])
    expect(unit('工信局').decisions.map((decision) => decision.content)).toEqual(['9月底前完成设备进场'])
    expect(unit('商务局').changes.map((change) => change.summary)).toEqual(['移动：谋划 → 签约', '修改 实际签约时间：（空） → 2022年8月22日'])
    expect(unit('商务局').problemsSolved.map((item) => item.projectName)).toEqual(['瑞丰购物广场项目'])
    expect(unit('发改局')).toMatchObject({ reported: false, changes: [], decisions: [] })
    expect(minutes.decisions).toEqual([{ projectName: '华能高性能纤维项目', content: '9月底前完成设备进场', assignee: '工信局', deadline: '2022-09-30' }])
    expect(minutes.totalsBefore.byStage.signed?.count).toBe(1)
    expect(minutes.totalsAfter.byStage.started?.count).toBe(1)
    expect(minutes.totalsAfter.byStage.signed?.count).toBe(1)

    const docx = await fetch(`${server.url}/api/boards/${board.id}/meetings/${meeting}/minutes.docx`, { headers: authHeaders(server) })
    expect(docx.status).toBe(200)
    const bytes = new Uint8Array(await docx.arrayBuffer())
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]) // a .docx is a zip
  })

  it('refuses a department starting a meeting', async () => {
    const server = await startServer()
    const board = await createBoard(server, '示例区', 2022)
    const gx = await createAccount(server, { username: 'gxj', password: 'gongxin-pass-1', role: 'editor', units: ['工信局'] })
    const clerk = connectClient(server, board.id, { token: gx.token })
    await clerk.waitSynced()
    const self: Principal = { kind: 'user', userId: gx.user.id, username: 'gxj', displayName: 'gxj', role: 'editor', units: ['工信局'] }
    startMeeting(clerk.doc, { title: '私开的会', date: '2022-08-22' as IsoDate, attendees: [], agenda: [] }, boardTotals([]), self)
    await waitFor(() => clerk.deniedReasons.length > 0, { message: 'the refusal' })
    expect(clerk.deniedReasons).toEqual(['只有项目办可以主持调度会'])
  })
})
