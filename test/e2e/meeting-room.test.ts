/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { artifactPath, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { contrastOf, lineCount, MIN_CONTRAST, overflowingText, visibleCardsPerColumn, type ContrastReading } from '../helpers/layoutChecks.ts'
import { moveRightWithKeyboard } from '../helpers/keyboardBoard.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { startServer, TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME, type TestServer } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 15_000
const DEMO_BOARD = 'demo'
const LAPTOP = { width: 1366, height: 768 }
const OFFICE_SCREEN = { width: 1920, height: 1080 }
/** The demo account of 工信局 (bootstrapAccounts.ts), with the test admin's password. */
const GX_USERNAME = 'gongxinju'

async function demoServer(): Promise<TestServer> {
  if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error(`${CLIENT_DIST}/index.html is missing: run pnpm build first`)
  const server = await startServer({ demo: true })
  const reader = connectClient(server, DEMO_BOARD)
  await waitForDoc(reader.doc, (doc) => listProjects(doc).length > 100, { message: 'the demo board to be seeded' })
  return server
}

async function signedIn(browser: Browser, server: TestServer, viewport: { width: number; height: number }, username: string, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' })
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
  await signInThroughLoginPage(page, `${server.url}/board/${DEMO_BOARD}`, username, TEST_ADMIN_PASSWORD)
  await page.locator('.card[data-project-id]').first().waitFor({ timeout: UI_TIMEOUT_MS })
  return page
}

/** The office opens a meeting with 工信局 and 商务局 and calls 工信局, through the dialog. */
async function startTwoUnitMeeting(office: Page): Promise<void> {
  await office.getByRole('button', { name: '召开调度会' }).click()
  await office.getByLabel('会议名称').fill('8月重点项目调度会')
  await office.getByLabel('会议地点').fill('区政府三楼会议室')
  await office.getByRole('checkbox', { name: '工信局' }).check()
  await office.getByRole('checkbox', { name: '商务局' }).check()
  await office.getByRole('button', { name: '开始会议' }).click()
  await office.getByTestId('meeting-report-工信局').click()
}

const describeReading = (reading: ContrastReading) => `${reading.label}: ${reading.color} on ${reading.background} = ${reading.ratio.toFixed(2)}:1`

describe('the meeting room', () => {
  test('a department on a 1366×768 laptop follows its report with one-line header and meeting bar, its unit in the filter bar and header lights, three cards per column and no text overflowing', async () => {
    const server = await demoServer()
    const browser = await launchBrowser()
    const errors: string[] = []
    const office = await signedIn(browser, server, OFFICE_SCREEN, TEST_ADMIN_USERNAME, errors)
    const gx = await signedIn(browser, server, LAPTOP, GX_USERNAME, errors)
    const boardLightsBefore = Number(await gx.getByTestId('board-light-counts').getAttribute('data-red'))
    await startTwoUnitMeeting(office)
    await expect.poll(() => gx.getByTestId('meeting-reporting').textContent(), { timeout: UI_TIMEOUT_MS }).toBe('工信局')

    // Follow mode is visible where the filter is read: the folded bar and the header lights say 工信局.
    await expect.poll(() => gx.getByTestId('filter-summary').textContent(), { timeout: UI_TIMEOUT_MS }).toContain('责任单位：工信局（跟随汇报）')
    expect(await gx.getByTestId('header-lights').getAttribute('data-unit')).toBe('工信局')
    const unitRed = Number(await gx.getByTestId('board-light-counts').getAttribute('data-red'))
    // The header now counts what the followed board shows: the sum of the four columns' red lights.
    const columnReds = await Promise.all(
      ['planning', 'signed', 'started', 'producing'].map((stage) => gx.getByTestId(`column-lights-${stage}`).getAttribute('data-red')),
    )
    expect(unitRed).toBe(columnReds.reduce((sum, red) => sum + Number(red), 0))
    expect(unitRed).toBeLessThan(boardLightsBefore)
    expect(unitRed).toBeGreaterThan(0)
    await gx.getByTestId('filter-toggle').click()
    expect(await gx.getByTestId('filter-unit').locator('.filter-menu-value').textContent()).toBe('工信局')
    await gx.getByTestId('filter-toggle').click()

    // Header and meeting bar are one line each; nothing is cut off or pushed off the screen.
    const header = await gx.locator('.board-header').boundingBox()
    const bar = await gx.getByRole('region', { name: '调度会' }).boundingBox()
    const filters = await gx.getByTestId('filter-bar').boundingBox()
    expect(header!.height, 'header on one line').toBeLessThanOrEqual(48)
    expect(bar!.height, 'meeting bar on one line').toBeLessThanOrEqual(44)
    expect(filters!.height, 'filters folded to one line').toBeLessThanOrEqual(44)
    expect(await overflowingText(gx, '.board-page')).toEqual([])
    for (const stage of ['planning', 'signed', 'started', 'producing']) {
      expect(await lineCount(gx.locator(`[data-testid="column-${stage}"] .column-stats`)), `${stage} header figures on one line`).toBe(1)
    }
    const columns = await visibleCardsPerColumn(gx)
    for (const [stage, { visible, total }] of Object.entries(columns)) {
      expect(visible, `${stage}: ${visible} of ${total} cards in view`).toBeGreaterThanOrEqual(Math.min(3, total))
    }
    expect(Math.max(...Object.values(columns).map((column) => column.total))).toBeGreaterThan(3)
    await gx.screenshot({ path: await artifactPath('meeting-room-1366-department.png') })
    // The office's longer header on the same laptop wraps instead of pushing buttons off the screen.
    const officeLaptop = await signedIn(browser, server, LAPTOP, TEST_ADMIN_USERNAME, errors)
    await officeLaptop.getByRole('region', { name: '调度会' }).waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await overflowingText(officeLaptop, '.board-header')).toEqual([])
    await officeLaptop.screenshot({ path: await artifactPath('meeting-room-1366-office.png') })

    // The project panel covers the header; being offline still shows inside it.
    await gx.locator('.card[data-project-id]').first().click()
    await gx.getByTestId('project-panel').waitFor({ timeout: UI_TIMEOUT_MS })
    await expect.poll(() => gx.getByTestId('panel-connection-status').getAttribute('data-state')).toBe('connected')
    await gx.context().setOffline(true)
    await expect.poll(() => gx.getByTestId('panel-connection-status').getAttribute('data-state'), { timeout: UI_TIMEOUT_MS }).not.toBe('connected')
    const pill = await gx.getByTestId('panel-connection-status').boundingBox()
    const onTop = await gx.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-testid="panel-connection-status"]') !== null, {
      x: pill!.x + pill!.width / 2,
      y: pill!.y + pill!.height / 2,
    })
    expect(onTop, 'the connection state is drawn above everything at its place').toBe(true)
    await gx.screenshot({ path: await artifactPath('meeting-room-1366-panel-offline.png') })
    await gx.context().setOffline(false)
    expect(errors).toEqual([])
  })

  test('header buttons (enabled and disabled), the start-meeting dialog and the project panel keep text contrast of at least 4.5:1, and the admin page keeps its link buttons on one line at 1920 px', async () => {
    const server = await demoServer()
    const browser = await launchBrowser()
    const errors: string[] = []
    const office = await signedIn(browser, server, OFFICE_SCREEN, TEST_ADMIN_USERNAME, errors)
    const readings: ContrastReading[] = []
    const read = async (selector: string, label: string) => readings.push(await contrastOf(office.locator(selector).first(), label))

    // Nothing done yet: 撤销 and 重做 are disabled.
    expect(await office.getByRole('button', { name: '撤销', exact: true }).isDisabled()).toBe(true)
    await read('[data-testid="undo"]', '撤销（不可用）')
    await read('[data-testid="redo"]', '重做（不可用）')
    await read('[data-testid="meeting-start"]', '召开调度会')
    // A move of the office's own: 撤销 is enabled.
    const planned = await office.locator('[data-testid="column-planning"] .card[data-project-id]').first().getAttribute('data-project-id')
    await moveRightWithKeyboard(office, planned!, 'signed', '签约')
    await expect.poll(() => office.getByRole('button', { name: '撤销', exact: true }).isDisabled(), { timeout: UI_TIMEOUT_MS }).toBe(false)
    await read('[data-testid="undo"]', '撤销（可用）')
    await read('[data-testid="logout"]', '退出登录')
    await office.getByRole('button', { name: '召开调度会' }).click()
    await office.getByRole('dialog', { name: '召开调度会' }).waitFor()
    await read('[data-testid="meeting-start-submit"]', '开始会议')
    await read('.start-meeting-actions button:not(.primary-button)', '取消（召开调度会）')
    await read('.start-meeting-attendees label', '参会单位')
    // Checkboxes sit beside their labels, not above them.
    const box = await office.getByRole('checkbox', { name: '工信局' }).boundingBox()
    const label = await office.locator('.start-meeting-attendees label', { has: office.getByRole('checkbox', { name: '工信局' }) }).boundingBox()
    expect(box!.height).toBeLessThan(label!.height)
    expect(box!.y).toBeGreaterThan(label!.y - 1)
    expect(box!.y + box!.height).toBeLessThan(label!.y + label!.height + 1)
    await office.getByRole('dialog', { name: '召开调度会' }).screenshot({ path: await artifactPath('meeting-room-start-dialog.png') })
    await office.getByLabel('会议名称').fill('对比度检查会')
    await office.getByRole('checkbox', { name: '工信局' }).check()
    await office.getByRole('button', { name: '开始会议' }).click()
    await office.getByRole('region', { name: '调度会' }).waitFor({ timeout: UI_TIMEOUT_MS })
    await read('[data-testid="meeting-next"]', '开始汇报')
    await read('[data-testid="meeting-previous"]', '上一个（不可用）')
    await read('[data-testid="meeting-follow-toggle"]', '退出跟随')
    await office.locator('.card[data-project-id]').first().click()
    await office.getByTestId('project-panel').waitFor({ timeout: UI_TIMEOUT_MS })
    await read('[data-testid="project-panel"] .close-button', '关闭项目详情')
    await read('[data-testid="panel-connection-status"]', '项目详情里的连接状态')
    await office.getByRole('button', { name: '关闭项目详情' }).click()
    await office.screenshot({ path: await artifactPath('meeting-room-1920-office.png') })
    for (const reading of readings) expect(reading.ratio, describeReading(reading)).toBeGreaterThanOrEqual(MIN_CONTRAST)

    // The admin page at 1920 px: a new screen link's 复制链接 and 完成 each on one line.
    await office.goto(`${server.url}/admin`)
    await office.getByLabel('名称', { exact: true }).fill('三楼会议室大屏')
    await office.getByRole('button', { name: '生成链接' }).click()
    await office.getByRole('button', { name: '复制链接' }).waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await lineCount(office.getByRole('button', { name: '复制链接' }))).toBe(1)
    expect(await lineCount(office.getByTestId('screen-link-url').getByRole('button', { name: '完成' }))).toBe(1)
    await office.screenshot({ path: await artifactPath('meeting-room-1920-admin.png'), fullPage: true })
    expect(errors).toEqual([])
  })
})
