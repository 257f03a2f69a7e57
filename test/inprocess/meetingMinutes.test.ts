import * as Y from 'yjs'
import { writeFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { writeBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import { projectsRoot } from '@guatu/shared/board/boardDoc'
import { boardTotals, endMeeting, recordDecision, setReportingUnit, startMeeting } from '@guatu/shared/board/meetingCommands'
import { meetingFigures } from '@guatu/shared/board/meetingFigures'
import { runningMeeting } from '@guatu/shared/board/meetingQueries'
import { issueNotice } from '@guatu/shared/board/noticeCommands'
import { listNotices } from '@guatu/shared/board/noticeQueries'
import { raiseProblem } from '@guatu/shared/board/problemCommands'
import { createProject, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { listProblems } from '@guatu/shared/board/problemQueries'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import type { IsoDate } from '@guatu/shared/domain/dates'
import { changeText, noticeText, problemText, totalsRows } from '@guatu/shared/domain/minutesText'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { Principal } from '@guatu/shared/domain/principal'
import { DEFAULT_BOARD_SETTINGS } from '@guatu/shared/progress/boardSettings'
import { createAccount } from '../helpers/accounts.ts'
import { artifactPath } from '../helpers/browser.ts'
import { connectClient, waitAllSynced, waitForDoc, type TestClient } from '../helpers/client.ts'
import { expectGongwenDocx, fetchMinutesFile, pdfPageCount } from '../helpers/minutesDocument.ts'
import { createBoard, expectStatus, requestJson } from '../helpers/rest.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import { waitFor } from '../helpers/wait.ts'
import type { MinutesResponse } from '@guatu/shared/api/meetings'
import type { UserMeResponse } from '@guatu/shared/api/session'

const office: Principal = { kind: 'user', userId: '', username: 'admin', displayName: '项目办', role: 'admin', units: [] }
const AS_OF = '2022-08-20' as IsoDate

/** The figures the office's browser records at the start and end (useMeetingCommands). */
function figures(client: TestClient) {
  const settings = { ...DEFAULT_BOARD_SETTINGS(2022), asOf: AS_OF, targets: { signed: {}, started: { count: 4 }, producing: {} } }
  return meetingFigures({ projects: listProjects(client.doc), problems: listProblems(client.doc), settings, asOf: AS_OF })
}

describe('meeting minutes', () => {
  it("state each project's net change over the meeting — corrections and undone moves folded, 退回 marked — with new problems, 督办 deadlines and the figures before and after, in JSON, Word and PDF alike", async () => {
    const server = await startInProcessServer()
    const board = await createBoard(server, '示例区', 2022)
    const gx = await createAccount(server, { username: 'gxj', password: 'gongxin-pass-1', role: 'editor', units: ['工信局'], displayName: '工信局刘科长' })
    const sw = await createAccount(server, { username: 'swj', password: 'shangwu-pass-1', role: 'editor', units: ['商务局'], displayName: '商务局王科长' })
    const admin = connectClient(server, board.id, { acks: true })
    const gxClient = connectClient(server, board.id, { token: gx.token })
    const swClient = connectClient(server, board.id, { token: sw.token })
    await waitAllSynced([admin, gxClient, swClient])
    const me = expectStatus(await requestJson<UserMeResponse>(server, '/api/me'), 200, 'GET /api/me').user
    const chair: Principal = { ...office, userId: me.id }
    const swPrincipal: Principal = { kind: 'user', userId: sw.user.id, username: 'swj', displayName: '商务局王科长', role: 'editor', units: ['商务局'] }

    writeBoardSettings(admin.doc, { ...DEFAULT_BOARD_SETTINGS(2022), asOf: AS_OF, targets: { signed: {}, started: { count: 4 }, producing: {} } })
    // 华能: signed, planned to start 2022-06-01, so 80 days late on 8月20日 — a red schedule light.
    const fibre = createProject(admin.doc, {
      name: '华能高性能纤维项目',
      unit: '工信局',
      stage: 'signed',
      totalInvestment: '52000' as WanAmount,
      completedInvestment: '2033' as WanAmount,
      plannedStartDate: '2022-06-01' as IsoDate,
    })
    const steel = createProject(admin.doc, {
      name: '宏达特钢技改项目',
      unit: '工信局',
      stage: 'started',
      totalInvestment: '30000' as WanAmount,
      annualPlanInvestment: '10000' as WanAmount,
      completedInvestment: '8000' as WanAmount,
      actualSignDate: '2022-01-10' as IsoDate,
      actualStartDate: '2022-03-01' as IsoDate,
      registered: true,
    })
    const mall = createProject(admin.doc, { name: '瑞丰购物广场项目', unit: '商务局', stage: 'planning', totalInvestment: '31000' as WanAmount })
    await waitForDoc(swClient.doc, (doc) => listProjects(doc).length === 3, { message: 'both departments to see the seeded board' })
    await waitForDoc(gxClient.doc, (doc) => listProjects(doc).length === 3, { message: 'the 工信局 client to see the seeded board' })

    const meeting = startMeeting(
      admin.doc,
      { title: '8月项目调度会', date: AS_OF, attendees: ['工信局', '商务局', '发改局'], agenda: ['工信局', '商务局'], location: '区政府三楼会议室' },
      figures(admin),
      chair,
    )
    setReportingUnit(admin.doc, meeting, '工信局')
    await waitForDoc(gxClient.doc, (doc) => runningMeeting(doc)?.reportingUnit === '工信局', { message: 'the meeting to reach 工信局' })
    // 工信局 starts 华能 (the move stamps 实际开工时间), types 已完成投资 wrong and corrects it, and sends 宏达 back to 签约.
    moveProject(gxClient.doc, fibre, { stage: 'started' }, { today: AS_OF })
    updateProject(gxClient.doc, fibre, { completedInvestment: '20330' as WanAmount })
    updateProject(gxClient.doc, fibre, { completedInvestment: '2500' as WanAmount })
    moveProject(gxClient.doc, steel, { stage: 'signed' }, { today: AS_OF })
    recordDecision(
      admin.doc,
      { meetingId: meeting, projectId: fibre, content: '9月底前完成设备进场', assignee: '工信局', deadline: '2022-09-30' as IsoDate },
      chair,
    )
    await waitForDoc(admin.doc, (doc) => readProject(doc, steel)?.stage === 'signed' && readProject(doc, fibre)?.completedInvestment === '2500', {
      message: '工信局 changes to reach the office',
    })

    setReportingUnit(admin.doc, meeting, '商务局')
    await waitForDoc(swClient.doc, (doc) => runningMeeting(doc)?.reportingUnit === '商务局', { message: '商务局 to be called' })
    // 商务局 moves 瑞丰 to 签约 by mistake and undoes it (撤销), then raises a land problem.
    const undo = new Y.UndoManager(projectsRoot(swClient.doc))
    moveProject(swClient.doc, mall, { stage: 'signed' }, { today: AS_OF })
    await waitForDoc(admin.doc, (doc) => readProject(doc, mall)?.stage === 'signed', { message: 'the mistaken move to be stored' })
    undo.undo()
    raiseProblem(
      swClient.doc,
      mall,
      { category: 'land', description: '用地指标尚未落实', leadUnit: '自然资源局', deadline: '2022-09-15' as IsoDate },
      swPrincipal,
    )
    issueNotice(admin.doc, mall, { level: 'blue', requirement: '8月底前报送用地报批材料', deadline: '2022-08-31' as IsoDate }, chair)
    await waitForDoc(admin.doc, (doc) => readProject(doc, mall)?.stage === 'planning' && listProblems(doc).length === 1 && listNotices(doc).length === 1, {
      message: '商务局 changes to reach the office',
    })
    endMeeting(admin.doc, meeting, figures(admin))
    await admin.waitSaved()

    const minutes = expectStatus(await requestJson<MinutesResponse>(server, `/api/boards/${board.id}/meetings/${meeting}/minutes`), 200, 'GET minutes')
    expect(minutes.meeting).toMatchObject({ title: '8月项目调度会', status: 'ended', location: '区政府三楼会议室' })
    const unit = (name: string) => minutes.units.find((entry) => entry.unit === name)!
    expect(unit('工信局').reported).toBe(true)
    expect(unit('工信局').changes.map((change) => [change.projectName, change.summary, change.move?.back ?? null, change.foldedEntries])).toEqual([
      ['华能高性能纤维项目', '阶段：签约 → 开工（实际开工时间2022年8月20日）；已完成投资：2033万元 → 2500万元', false, 1],
      ['宏达特钢技改项目', '退回：开工 → 签约', true, 0],
    ])
    expect(unit('工信局').decisions).toEqual([
      { projectName: '华能高性能纤维项目', content: '9月底前完成设备进场', assignee: '工信局', deadline: '2022-09-30' },
    ])
    // The move and its undo leave no line; the problem and the 督办单 carry what the office chases.
    expect(unit('商务局').changes).toEqual([])
    expect(unit('商务局').problemsRaised.map(problemText)).toEqual(['瑞丰购物广场项目：【土地】用地指标尚未落实（牵头单位：自然资源局；时限：2022年9月15日）'])
    expect(unit('商务局').noticesIssued.map(noticeText)).toEqual(['瑞丰购物广场项目：蓝色督办，8月底前报送用地报批材料（办理时限：2022年8月31日）'])
    expect(unit('发改局')).toMatchObject({ reported: false, changes: [], decisions: [] })

    // Before and after: 华能's red schedule light is gone; 开工 holds one project (华能 in, 宏达 back out).
    const rows = new Map(totalsRows(minutes.totalsBefore, minutes.totalsAfter).map((row) => [row.key, row]))
    expect(rows.get('completed')).toMatchObject({ before: '1.00', after: '1.05', change: '+0.05' })
    expect(rows.get('light.red')).toMatchObject({ before: '1', after: '0', change: '-1' })
    expect(rows.get('stage.started')).toMatchObject({ before: '1', after: '1', change: '持平' })
    expect(rows.get('stage.signed')).toMatchObject({ before: '1', after: '1' })
    expect(rows.get('target.started.count')?.label).toBe('目标：开工项目数（个）')

    // The Word file: the 公文 layout, and the same lines as the web page.
    const docx = await fetchMinutesFile(server, board.id, meeting, 'docx')
    expect(docx.status).toBe(200)
    await writeFile(await artifactPath('meeting-minutes.docx'), docx.bytes)
    const { paragraphs } = expectGongwenDocx(docx.bytes)
    expect(paragraphs.slice(0, 6)).toEqual([
      '8月项目调度会',
      '会议纪要',
      expect.stringMatching(/^时间：2022年8月20日 \d\d:\d\d—\d\d:\d\d$/),
      '地点：区政府三楼会议室',
      '主持：项目办',
      '参会单位：工信局、商务局、发改局',
    ])
    const sections = paragraphs.filter((text) => /^[一二三四五]、/.test(text))
    expect(sections).toEqual(['一、确定事项清单', '二、各单位汇报及调度情况', '三、会前会后总体情况'])
    for (const change of unit('工信局').changes) expect(paragraphs).toContain(`（${unit('工信局').changes.indexOf(change) + 1}）${changeText(change)}`)
    expect(paragraphs).toContain('（1）瑞丰购物广场项目：【土地】用地指标尚未落实（牵头单位：自然资源局；时限：2022年9月15日）')
    expect(paragraphs).toContain('（1）瑞丰购物广场项目：蓝色督办，8月底前报送用地报批材料（办理时限：2022年8月31日）')
    expect(paragraphs.join('\n')).toMatch(/红灯项目（个）\n1\n0\n-1/)

    // And as PDF, when this machine has LibreOffice (scripts/ensure-libreoffice.sh installs it).
    const pdf = await fetchMinutesFile(server, board.id, meeting, 'pdf')
    if (pdf.status === 503) {
      expect(pdf.json).toMatchObject({ officeInstalled: false, error: expect.stringContaining('LibreOffice') })
    } else {
      expect(pdf.status).toBe(200)
      expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
      expect(pdfPageCount(pdf.bytes)).toBeGreaterThanOrEqual(1)
      await writeFile(await artifactPath('meeting-minutes-word.pdf'), pdf.bytes)
    }
  })

  it('answer a PDF request with a Chinese explanation when the server has no LibreOffice, while the Word file still downloads', async () => {
    const server = await startInProcessServer({ env: { GUATU_OFFICE_COMMAND: '/nonexistent/soffice' } })
    const board = await createBoard(server, '示例区', 2022)
    const admin = connectClient(server, board.id, { acks: true })
    await admin.waitSynced()
    const me = expectStatus(await requestJson<UserMeResponse>(server, '/api/me'), 200, 'GET /api/me').user
    const meeting = startMeeting(admin.doc, { title: '9月项目调度会', date: AS_OF, attendees: ['工信局'], agenda: ['工信局'] }, boardTotals([]), {
      ...office,
      userId: me.id,
    })
    await admin.waitSaved()
    const pdf = await fetchMinutesFile(server, board.id, meeting, 'pdf')
    expect(pdf.status).toBe(503)
    expect(pdf.json).toEqual({
      officeInstalled: false,
      error: '服务器未安装 LibreOffice，无法生成PDF版会议纪要；请导出Word版，或请管理员安装 libreoffice-writer-nogui。',
    })
    expect((await fetchMinutesFile(server, board.id, meeting, 'docx')).status).toBe(200)
  })

  it('refuses a department starting a meeting', async () => {
    const server = await startInProcessServer()
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
