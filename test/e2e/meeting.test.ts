import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { recordDecision } from '@guatu/shared/board/meetingCommands'
import { listDecisions, runningMeeting } from '@guatu/shared/board/meetingQueries'
import { issueNotice } from '@guatu/shared/board/noticeCommands'
import { listNotices } from '@guatu/shared/board/noticeQueries'
import { raiseProblem, solveProblem } from '@guatu/shared/board/problemCommands'
import { listProblems } from '@guatu/shared/board/problemQueries'
import { FigureAuthor, setProjectFigure } from '@guatu/shared/board/figureCommands'
import { createProject, moveProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import { todayInChina, type IsoDate } from '@guatu/shared/domain/dates'
import type { MeetingId } from '@guatu/shared/domain/meeting'
import { centsToWan, formatYi, wanToCents, type WanAmount } from '@guatu/shared/domain/money'
import type { Principal } from '@guatu/shared/domain/principal'
import type { ProjectId } from '@guatu/shared/domain/project'
import { Role } from '@guatu/shared/domain/role'
import { createAccount } from '../helpers/accounts.ts'
import { artifactPath, dragCardToColumn, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient, waitAllSynced, waitForDoc } from '../helpers/client.ts'
import { moveRightWithKeyboard } from '../helpers/keyboardBoard.ts'
import { expectGongwenDocx, fetchMinutesFile } from '../helpers/minutesDocument.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { createBoard, expectStatus, requestJson } from '../helpers/rest.ts'
import { startServer, TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/server.ts'
import type { UserMeResponse } from '@guatu/shared/api/session'

const UI_TIMEOUT_MS = 15_000
const GX = { username: 'gxj_liu', password: 'gongxin-liu-2025', displayName: '工信局刘科长' }
const SW = { username: 'swj_wang', password: 'shangwu-wang-2025', displayName: '商务局王科长' }
const DECISION = '9月底前完成设备进场安装'

const card = (id: string) => `[data-testid="card-${id}"]`
const column = (stage: string) => `[data-testid="column-${stage}"]`

async function newPage(browser: Browser, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' })
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
  return page
}

async function openPanel(page: Page, projectId: string): Promise<void> {
  await page.locator(card(projectId)).click()
  await page.getByTestId('project-panel').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
}

async function closePanel(page: Page): Promise<void> {
  await page.getByRole('button', { name: '关闭项目详情' }).click()
  await page.getByTestId('project-panel').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS })
}

const texts = (page: Page, selector: string) => page.locator(selector).allTextContents()

describe('调度会 in the browser', () => {
  test('the office runs a meeting, followers see only the reporting unit, and the minutes list exactly what each unit changed, solved and was asked to do', async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) {
      throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first (pnpm --filter @guatu/client build)`)
    }
    const server = await startServer()
    const board = await createBoard(server, '调度会测试看板', 2025)
    await createAccount(server, { ...GX, role: Role.editor, units: ['工信局'] })
    const sw = await createAccount(server, { ...SW, role: Role.editor, units: ['商务局'] })
    const admin = connectClient(server, board.id)
    const swClient = connectClient(server, board.id, { token: sw.token })
    await waitAllSynced([admin, swClient])
    const me = expectStatus(await requestJson<UserMeResponse>(server, '/api/me'), 200, 'GET /api/me').user
    const office: Principal = { kind: 'user', userId: me.id, username: 'admin', displayName: '项目办', role: 'admin', units: [] }
    const swPrincipal: Principal = { kind: 'user', userId: sw.user.id, username: SW.username, displayName: SW.displayName, role: 'editor', units: ['商务局'] }

    const fibre = createProject(admin.doc, { name: '华能高性能纤维项目', unit: '工信局', stage: 'signed', totalInvestment: '52000' as WanAmount })
    const mall = createProject(admin.doc, { name: '瑞丰购物广场项目', unit: '商务局', stage: 'planning', totalInvestment: '31000' as WanAmount })
    raiseProblem(admin.doc, fibre, { category: 'land', description: '用地指标尚未落实', leadUnit: '自然资源局' }, office)
    const funds = raiseProblem(admin.doc, mall, { category: 'funding', description: '企业融资未到位', leadUnit: '商务局' }, office)
    await waitForDoc(swClient.doc, (doc) => listProjects(doc).length === 2 && listProblems(doc).length === 2, { message: 'the seeded board to be stored' })

    const browser = await launchBrowser()
    const errors: string[] = []
    const boardUrl = `${server.url}/board/${encodeURIComponent(board.id)}`

    // The project office opens a meeting with both units, 工信局 first.
    const officePage = await newPage(browser, errors)
    await signInThroughLoginPage(officePage, boardUrl, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    await officePage.waitForSelector(card(mall), { timeout: UI_TIMEOUT_MS })
    const gxPage = await newPage(browser, errors)
    await signInThroughLoginPage(gxPage, boardUrl, GX.username, GX.password)
    await gxPage.waitForSelector(card(mall), { timeout: UI_TIMEOUT_MS })
    expect(await gxPage.getByRole('button', { name: '召开调度会' }).count()).toBe(0)

    await officePage.getByRole('button', { name: '召开调度会' }).click()
    await officePage.getByLabel('会议名称').fill('8月重点项目调度会')
    await officePage.getByRole('checkbox', { name: '工信局' }).check()
    await officePage.getByRole('checkbox', { name: '商务局' }).check()
    await officePage.getByRole('button', { name: '开始会议' }).click()
    await officePage.getByRole('region', { name: '调度会' }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    await officePage.getByTestId('meeting-report-工信局').click()

    // The 工信局 user follows: only 工信局's card is on the board while 工信局 reports.
    await gxPage.getByRole('region', { name: '调度会' }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    await expect.poll(() => gxPage.getByTestId('meeting-reporting').textContent(), { timeout: UI_TIMEOUT_MS }).toBe('工信局')
    await gxPage.locator(card(mall)).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS })
    expect(await gxPage.locator(card(fibre)).count()).toBe(1)
    await gxPage.getByRole('region', { name: '调度会' }).screenshot({ path: await artifactPath('meeting-bar.png') })
    await officePage.getByRole('region', { name: '调度会' }).screenshot({ path: await artifactPath('meeting-bar-office.png') })
    await gxPage.screenshot({ path: await artifactPath('meeting-follow-board.png') })

    // Stepping out shows the whole board again; stepping back in follows again.
    await gxPage.getByTestId('meeting-follow-toggle').click()
    await gxPage.locator(card(mall)).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    await gxPage.getByTestId('meeting-follow-toggle').click()
    await gxPage.locator(card(mall)).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS })

    // 工信局 drags its card to 开工 and closes its problem (销号).
    await dragCardToColumn(gxPage, fibre, 'started')
    await gxPage.waitForSelector(`${column('started')} ${card(fibre)}`, { timeout: UI_TIMEOUT_MS })
    await waitForDoc(admin.doc, (doc) => readProject(doc, fibre)?.stage === 'started', { message: 'the 工信局 move to be stored' })
    await openPanel(gxPage, fibre)
    await gxPage.getByRole('button', { name: '销号（已解决）' }).click()
    await waitForDoc(admin.doc, (doc) => listProblems(doc).find((problem) => problem.projectId === fibre)?.status === 'solved', {
      message: 'the 工信局 problem to be solved on the server',
    })
    await closePanel(gxPage)

    // The office records one decision on that card.
    await openPanel(officePage, fibre)
    await officePage.getByLabel('事项内容').fill(DECISION)
    expect(await officePage.getByLabel('交办单位').inputValue()).toBe('工信局')
    await officePage.getByLabel('完成时限').fill('2025-09-30')
    await officePage.getByRole('button', { name: '记录', exact: true }).click()
    await officePage.locator('[data-testid="decision-item"]').filter({ hasText: DECISION }).waitFor({ timeout: UI_TIMEOUT_MS })
    await waitForDoc(admin.doc, (doc) => listDecisions(doc).length === 1, { message: 'the decision to be stored' })
    await closePanel(officePage)
    // Everyone sees the decision on the card's panel.
    await openPanel(gxPage, fibre)
    await gxPage.locator('[data-testid="decision-item"]').filter({ hasText: DECISION }).waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await gxPage.getByRole('group', { name: '记录确定事项' }).count()).toBe(0)
    await closePanel(gxPage)

    // 商务局 is called; the 工信局 user's board follows, and 商务局 moves its card and solves its problem.
    await officePage.getByTestId('meeting-report-商务局').click()
    await waitForDoc(swClient.doc, (doc) => runningMeeting(doc)?.reportingUnit === '商务局', { message: '商务局 to be called' })
    await gxPage.locator(card(mall)).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await gxPage.locator(card(fibre)).count()).toBe(0)
    moveProject(swClient.doc, mall as ProjectId, { stage: 'signed' }, { today: todayInChina() })
    solveProblem(swClient.doc, funds, swPrincipal)
    await waitForDoc(admin.doc, (doc) => listProblems(doc).every((problem) => problem.status === 'solved') && readProject(doc, mall)?.stage === 'signed', {
      message: '商务局 changes to reach the office',
    })
    await officePage.waitForSelector(`${column('signed')} ${card(mall)}`, { timeout: UI_TIMEOUT_MS })

    // The office ends the meeting (asked to confirm) and lands on the minutes.
    await officePage.getByRole('button', { name: '结束会议' }).click()
    await officePage.getByRole('button', { name: '确认结束' }).click()
    await officePage.waitForSelector('[data-testid="minutes"][data-status="ended"]', { timeout: UI_TIMEOUT_MS })
    await gxPage.getByRole('region', { name: '调度会' }).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS })

    const unit = (name: string) => `[data-testid="minutes-unit-${name}"]`
    // One line per project: the move with the date it stamped, not a line for each.
    const gxChanges = await texts(officePage, `${unit('工信局')} [data-testid="minutes-change"]`)
    expect(gxChanges).toEqual([expect.stringMatching(/^（1）华能高性能纤维项目：阶段：签约 → 开工（实际开工时间\d{4}年\d+月\d+日）$/)])
    expect(await texts(officePage, `${unit('工信局')} [data-testid="minutes-solved"]`)).toEqual([expect.stringContaining('华能高性能纤维项目')])
    const swChanges = await texts(officePage, `${unit('商务局')} [data-testid="minutes-change"]`)
    expect(swChanges).toEqual([expect.stringMatching(/^（1）瑞丰购物广场项目：阶段：谋划 → 签约（实际签约时间\d{4}年\d+月\d+日）$/)])
    expect(await texts(officePage, `${unit('商务局')} [data-testid="minutes-solved"]`)).toEqual([expect.stringContaining('瑞丰购物广场项目')])
    const decisions = await texts(officePage, '[data-testid="minutes-decision"]')
    expect(decisions).toHaveLength(1)
    expect(decisions[0]).toContain(DECISION)
    expect(decisions[0]).toContain('交办单位：工信局')
    expect(decisions[0]).toContain('2025年9月30日')
    // Nothing else: one change per unit, one solved problem each, one decision, no new problems or notices.
    expect(await officePage.locator('[data-testid="minutes-change"]').count()).toBe(2)
    expect(await officePage.locator('[data-testid="minutes-solved"]').count()).toBe(2)
    expect(await officePage.locator('[data-testid="minutes-raised"], [data-testid="minutes-notice"]').count()).toBe(0)
    expect(await officePage.getByTestId('minutes-totals-stage.started').textContent()).toBe('开工阶段项目（个）01+1')
    expect(await officePage.getByTestId('minutes-totals-stageInvestment.started').textContent()).toBe('开工阶段总投资（亿元）0.005.20+5.20')

    await officePage.screenshot({ path: await artifactPath('meeting-minutes.png'), fullPage: true })
    await officePage.emulateMedia({ media: 'print' })
    await officePage.screenshot({ path: await artifactPath('meeting-minutes-print.png'), fullPage: true })
    await officePage.pdf({ path: await artifactPath('meeting-minutes.pdf'), format: 'A4' })
    await officePage.emulateMedia({ media: 'screen' })

    // The meetings page lists it, linking to the minutes.
    await gxPage.getByRole('link', { name: '会议', exact: true }).click()
    await gxPage.getByTestId('meetings-row').first().waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await gxPage.getByTestId('meetings-row').first().getAttribute('data-status')).toBe('ended')
    expect(errors).toEqual([])
  })

  test('on the demo board, the minutes of a two-unit meeting state net changes with 退回 marked, problem and 督办 deadlines, and 已完成投资, targets and lights before and after — the same lines on the web and in Word', async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error(`${CLIENT_DIST}/index.html is missing: run pnpm build first`)
    const server = await startServer({ demo: true })
    const gxDesk = await createAccount(server, {
      username: 'gxj_zhang',
      password: 'gongxin-zhang-2025',
      displayName: '工信局张科员',
      role: Role.editor,
      units: ['工信局'],
    })
    const sw = await createAccount(server, { ...SW, role: Role.editor, units: ['商务局'] })
    const admin = connectClient(server, 'demo', { acks: true })
    const gxClient = connectClient(server, 'demo', { token: gxDesk.token })
    const swClient = connectClient(server, 'demo', { token: sw.token })
    await waitForDoc(admin.doc, (doc) => listProjects(doc).length > 100, { message: 'the demo board' })
    await waitAllSynced([admin, gxClient, swClient])
    const me = expectStatus(await requestJson<UserMeResponse>(server, '/api/me'), 200, 'GET /api/me').user
    const office: Principal = { kind: 'user', userId: me.id, username: 'admin', displayName: '项目办', role: 'admin', units: [] }
    const swPrincipal: Principal = { kind: 'user', userId: sw.user.id, username: SW.username, displayName: SW.displayName, role: 'editor', units: ['商务局'] }
    const projects = listProjects(admin.doc)
    const pick = (unit: string, stage: string, skip = 0) => projects.filter((project) => project.unit === unit && project.stage === stage)[skip]!
    const mistaken = pick('工信局', 'planning')
    const advanced = pick('工信局', 'signed')
    const sentBack = pick('工信局', 'started')
    const mall = pick('商务局', 'planning')
    const completedBefore = advanced.completedInvestment

    const browser = await launchBrowser()
    const errors: string[] = []
    const boardUrl = `${server.url}/board/demo`
    const officePage = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage()
    officePage.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
    await signInThroughLoginPage(officePage, boardUrl, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    await officePage.waitForSelector(card(mall.id), { timeout: UI_TIMEOUT_MS })
    const redBefore = await officePage.getByTestId('board-light-counts').getAttribute('data-red')
    const gxPage = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })).newPage()
    gxPage.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
    await signInThroughLoginPage(gxPage, boardUrl, 'gongxinju', TEST_ADMIN_PASSWORD)

    await officePage.getByRole('button', { name: '召开调度会' }).click()
    await officePage.getByLabel('会议名称').fill('8月重点项目调度会')
    await officePage.getByLabel('会议地点').fill('区政府三楼会议室')
    await officePage.getByRole('checkbox', { name: '工信局' }).check()
    await officePage.getByRole('checkbox', { name: '商务局' }).check()
    await officePage.getByRole('button', { name: '开始会议' }).click()
    await officePage.getByTestId('meeting-report-工信局').click()
    await expect.poll(() => gxPage.getByTestId('meeting-reporting').textContent(), { timeout: UI_TIMEOUT_MS }).toBe('工信局')
    const meetingId = runningMeeting(admin.doc)?.id as MeetingId

    // 工信局, on its laptop: a move to 签约 taken back with 撤销, and a real move to 开工.
    await moveRightWithKeyboard(gxPage, mistaken.id, 'signed', '签约')
    await waitForDoc(admin.doc, (doc) => readProject(doc, mistaken.id)?.stage === 'signed', { message: 'the mistaken move to be stored' })
    await gxPage.getByRole('button', { name: '撤销', exact: true }).click()
    await waitForDoc(admin.doc, (doc) => readProject(doc, mistaken.id)?.stage === 'planning', { message: 'the undo to be stored' })
    await moveRightWithKeyboard(gxPage, advanced.id, 'started', '开工')
    await gxPage.screenshot({ path: await artifactPath('meeting-demo-1366-department.png') })
    // Its desk officer types 已完成投资 a hundred times too big, corrects it, and sends a project back to 签约.
    const corrected = centsToWan(wanToCents(completedBefore) + 100 * 100)
    // The typo is implausible (100×): the department confirms it anyway, so it is flagged 待确认, and
    // the correction clears the flag (shared/domain/figureCheck; the server refuses an unflagged one).
    setProjectFigure(gxClient.doc, advanced.id, 'completedInvestment', `${corrected}00`, { author: FigureAuthor.department, confirmed: true })
    setProjectFigure(gxClient.doc, advanced.id, 'completedInvestment', corrected, { author: FigureAuthor.department })
    moveProject(gxClient.doc, sentBack.id, { stage: 'signed' }, { today: todayInChina() })
    recordDecision(admin.doc, { meetingId, projectId: advanced.id, content: DECISION, assignee: '工信局', deadline: '2022-09-30' as IsoDate }, office)
    await waitForDoc(
      admin.doc,
      (doc) =>
        readProject(doc, advanced.id)?.stage === 'started' &&
        readProject(doc, advanced.id)?.completedInvestment === corrected &&
        readProject(doc, sentBack.id)?.stage === 'signed',
      {
        message: '工信局 changes to reach the office',
      },
    )

    // 商务局 reports: a land problem with its lead unit and deadline, and a blue 督办单.
    await officePage.getByTestId('meeting-report-商务局').click()
    await waitForDoc(swClient.doc, (doc) => runningMeeting(doc)?.reportingUnit === '商务局', { message: '商务局 to be called' })
    raiseProblem(
      swClient.doc,
      mall.id,
      { category: 'land', description: '用地指标尚未落实', leadUnit: '自然资源局', deadline: '2022-09-15' as IsoDate },
      swPrincipal,
    )
    issueNotice(admin.doc, mall.id, { level: 'blue', requirement: '8月底前报送用地报批材料', deadline: '2022-08-31' as IsoDate }, office)
    await waitForDoc(
      admin.doc,
      (doc) => listProblems(doc).some((problem) => problem.projectId === mall.id) && listNotices(doc).some((notice) => notice.projectId === mall.id),
      {
        message: '商务局 problem and notice to be stored',
      },
    )
    await admin.waitSaved()

    await officePage.getByRole('button', { name: '结束会议' }).click()
    await officePage.getByRole('button', { name: '确认结束' }).click()
    await officePage.waitForSelector('[data-testid="minutes"][data-status="ended"]', { timeout: UI_TIMEOUT_MS })
    const unit = (name: string) => `[data-testid="minutes-unit-${name}"]`
    const gxChanges = await texts(officePage, `${unit('工信局')} [data-testid="minutes-change"]`)
    expect(gxChanges).toEqual([
      // 3 folded: the typo, and its 待确认 flag set with it and cleared by the correction.
      expect.stringMatching(
        new RegExp(`^（1）${advanced.name}：阶段：签约 → 开工（实际开工时间[^）]+）；已完成投资：.+ → .+（会上另有3条修改已更正或撤回，详见项目历史）$`),
      ),
      `（2）${sentBack.name}：退回：开工 → 签约`,
    ])
    expect(gxChanges.join('')).not.toContain(mistaken.name)
    expect(await officePage.locator(`${unit('工信局')} [data-testid="minutes-back"]`).count()).toBe(1)
    expect(await texts(officePage, `${unit('商务局')} [data-testid="minutes-raised"]`)).toEqual([
      `（1）${mall.name}：【土地】用地指标尚未落实（牵头单位：自然资源局；时限：2022年9月15日）`,
    ])
    expect(await texts(officePage, `${unit('商务局')} [data-testid="minutes-notice"]`)).toEqual([
      `（1）${mall.name}：蓝色督办，8月底前报送用地报批材料（办理时限：2022年8月31日）`,
    ])
    expect(await texts(officePage, '[data-testid="minutes-decision"]')).toEqual([`1.${advanced.name}：${DECISION}（交办单位：工信局；时限：2022年9月30日）`])

    // Before and after: 已完成投资 moved by exactly the corrected figure; lights as the header showed them.
    const row = async (key: string) => (await officePage.getByTestId(`minutes-totals-${key}`).locator('td').allTextContents()) as [string, string, string]
    expect((await row('completed'))[2]).toBe(`+${formatYi(wanToCents(corrected) - wanToCents(completedBefore))}`)
    expect((await row('target.signed.count'))[1]).toMatch(/^\d+ \/ 40（\d+\.\d%）$/)
    expect((await row('light.red'))[0]).toBe(redBefore)
    // The meeting is over, so nobody follows: the header counts the whole board again.
    expect(await officePage.getByTestId('header-lights').getAttribute('data-unit')).toBeNull()
    expect((await row('light.red'))[1]).toBe(await officePage.getByTestId('board-light-counts').getAttribute('data-red'))
    await officePage.screenshot({ path: await artifactPath('meeting-demo-minutes.png'), fullPage: true })

    // The Word file says the same, line for line, in the 公文 layout.
    const docx = await fetchMinutesFile(server, 'demo', meetingId, 'docx')
    expect(docx.status).toBe(200)
    const { paragraphs } = expectGongwenDocx(docx.bytes)
    const webLines = await texts(
      officePage,
      '[data-testid="minutes-change"], [data-testid="minutes-raised"], [data-testid="minutes-notice"], [data-testid="minutes-decision"], [data-testid="minutes-solved"]',
    )
    for (const line of webLines) expect(paragraphs).toContain(line)
    expect(paragraphs).toContain('地点：区政府三楼会议室')

    // 导出PDF: the Word file as LibreOffice prints it, or the server's Chinese reason why not.
    const outcome = await Promise.race([
      officePage.waitForEvent('download', { timeout: 120_000 }).then((download) => ({ download })),
      officePage
        .getByTestId('toast')
        .waitFor({ timeout: 120_000 })
        .then(async () => ({ message: await officePage.getByTestId('toast').textContent() })),
      officePage
        .getByRole('button', { name: '导出PDF' })
        .click()
        .then(() => new Promise<never>(() => {})),
    ])
    if ('download' in outcome) {
      expect(outcome.download.suggestedFilename()).toBe('8月重点项目调度会-会议纪要.pdf')
      await outcome.download.saveAs(await artifactPath('meeting-demo-minutes.pdf'))
    } else {
      expect(outcome.message).toContain('LibreOffice')
    }
    expect(errors).toEqual([])
  })
})
