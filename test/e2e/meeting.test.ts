import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { listDecisions, runningMeeting } from '@guatu/shared/board/meetingQueries'
import { raiseProblem, solveProblem } from '@guatu/shared/board/problemCommands'
import { listProblems } from '@guatu/shared/board/problemQueries'
import { createProject, moveProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import { todayInChina } from '@guatu/shared/domain/dates'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { Principal } from '@guatu/shared/domain/principal'
import type { ProjectId } from '@guatu/shared/domain/project'
import { Role } from '@guatu/shared/domain/role'
import { createAccount } from '../helpers/accounts.ts'
import { artifactPath, dragCardToColumn, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient, waitAllSynced, waitForDoc } from '../helpers/client.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { createBoard, expectStatus, requestJson } from '../helpers/rest.ts'
import { startServer, TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/server.ts'

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
    const me = expectStatus(await requestJson<{ user: { id: string } }>(server, '/api/me'), 200, 'GET /api/me').user
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
    expect(await gxPage.getByTestId('meeting-start').count()).toBe(0)

    await officePage.getByTestId('meeting-start').click()
    await officePage.getByTestId('meeting-title').fill('8月重点项目调度会')
    await officePage.getByTestId('meeting-attendee-工信局').check()
    await officePage.getByTestId('meeting-attendee-商务局').check()
    await officePage.getByTestId('meeting-start-submit').click()
    await officePage.getByTestId('meeting-bar').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    await officePage.getByTestId('meeting-report-工信局').click()

    // The 工信局 user follows: only 工信局's card is on the board while 工信局 reports.
    await gxPage.getByTestId('meeting-bar').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    await expect.poll(() => gxPage.getByTestId('meeting-reporting').textContent(), { timeout: UI_TIMEOUT_MS }).toBe('工信局')
    await gxPage.locator(card(mall)).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS })
    expect(await gxPage.locator(card(fibre)).count()).toBe(1)
    await gxPage.getByTestId('meeting-bar').screenshot({ path: await artifactPath('meeting-bar.png') })
    await officePage.getByTestId('meeting-bar').screenshot({ path: await artifactPath('meeting-bar-office.png') })
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
    await gxPage.getByTestId('problem-solve').click()
    await waitForDoc(admin.doc, (doc) => listProblems(doc).find((problem) => problem.projectId === fibre)?.status === 'solved', {
      message: 'the 工信局 problem to be solved on the server',
    })
    await closePanel(gxPage)

    // The office records one decision on that card.
    await openPanel(officePage, fibre)
    await officePage.getByTestId('decision-content').fill(DECISION)
    expect(await officePage.getByTestId('decision-assignee').inputValue()).toBe('工信局')
    await officePage.getByTestId('decision-deadline').fill('2025-09-30')
    await officePage.getByTestId('decision-submit').click()
    await officePage.locator('[data-testid="decision-item"]').filter({ hasText: DECISION }).waitFor({ timeout: UI_TIMEOUT_MS })
    await waitForDoc(admin.doc, (doc) => listDecisions(doc).length === 1, { message: 'the decision to be stored' })
    await closePanel(officePage)
    // Everyone sees the decision on the card's panel.
    await openPanel(gxPage, fibre)
    await gxPage.locator('[data-testid="decision-item"]').filter({ hasText: DECISION }).waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await gxPage.getByTestId('decision-form').count()).toBe(0)
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
    await officePage.getByTestId('meeting-end').click()
    await officePage.getByTestId('meeting-end-confirm').click()
    await officePage.waitForSelector('[data-testid="minutes"][data-status="ended"]', { timeout: UI_TIMEOUT_MS })
    await gxPage.getByTestId('meeting-bar').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS })

    const unit = (name: string) => `[data-testid="minutes-unit-${name}"]`
    const gxChanges = await texts(officePage, `${unit('工信局')} [data-testid="minutes-change"]`)
    expect(gxChanges).toHaveLength(2)
    expect(gxChanges[0]).toContain('华能高性能纤维项目：移动：签约 → 开工')
    expect(gxChanges[1]).toContain('实际开工时间')
    expect(await texts(officePage, `${unit('工信局')} [data-testid="minutes-solved"]`)).toEqual([expect.stringContaining('华能高性能纤维项目')])
    const swChanges = await texts(officePage, `${unit('商务局')} [data-testid="minutes-change"]`)
    expect(swChanges).toHaveLength(2)
    expect(swChanges[0]).toContain('瑞丰购物广场项目：移动：谋划 → 签约')
    expect(swChanges[1]).toContain('实际签约时间')
    expect(await texts(officePage, `${unit('商务局')} [data-testid="minutes-solved"]`)).toEqual([expect.stringContaining('瑞丰购物广场项目')])
    const decisions = await texts(officePage, '[data-testid="minutes-decision"]')
    expect(decisions).toHaveLength(1)
    expect(decisions[0]).toContain(DECISION)
    expect(decisions[0]).toContain('交办单位：工信局')
    expect(decisions[0]).toContain('2025年9月30日')
    // Nothing else: two changes per unit, one solved problem each, one decision, no new problems or notices.
    expect(await officePage.locator('[data-testid="minutes-change"]').count()).toBe(4)
    expect(await officePage.locator('[data-testid="minutes-solved"]').count()).toBe(2)
    expect(await officePage.locator('[data-testid="minutes-raised"], [data-testid="minutes-notice"]').count()).toBe(0)
    expect(await officePage.getByTestId('minutes-totals-started').textContent()).toBe('开工00.0015.20')

    await officePage.screenshot({ path: await artifactPath('meeting-minutes.png'), fullPage: true })
    await officePage.emulateMedia({ media: 'print' })
    await officePage.screenshot({ path: await artifactPath('meeting-minutes-print.png'), fullPage: true })
    await officePage.pdf({ path: await artifactPath('meeting-minutes.pdf'), format: 'A4' })
    await officePage.emulateMedia({ media: 'screen' })

    // The meetings page lists it, linking to the minutes.
    await gxPage.getByTestId('nav-meetings').click()
    await gxPage.getByTestId('meetings-row').first().waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await gxPage.getByTestId('meetings-row').first().getAttribute('data-status')).toBe('ended')
    expect(errors).toEqual([])
  })
})
