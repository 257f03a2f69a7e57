import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { readReportingSettings, writeReportingSettings } from '@guatu/shared/board/boardSettingsAccess'
import { createProject } from '@guatu/shared/board/projectCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import { openProposalsOf } from '@guatu/shared/board/reviewQueries'
import { todayInChina } from '@guatu/shared/domain/dates'
import type { WanAmount } from '@guatu/shared/domain/money'
import { DEFAULT_REPORTING_SETTINGS } from '@guatu/shared/domain/reportingPeriod'
import { Role } from '@guatu/shared/domain/role'
import type { WeeklyRanking } from '@guatu/shared/progress/ranking'
import { createAccount } from '../helpers/accounts.ts'
import { artifactPath, dragCardToColumn, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { createBoard, expectStatus, requestJson } from '../helpers/rest.ts'
import { startServer, TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME, type TestServer } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 15_000
const GONGXIN = { username: 'gxj_liu', password: 'gongxin-liu-2025', displayName: '工信局刘科长' }
const SHANGWU = { username: 'swj_wang', password: 'shangwu-wang-2025', displayName: '商务局王科长' }
const REASON = '尚未签订正式投资协议，请附协议后再报'

const card = (id: string) => `[data-testid="card-${id}"]`

async function advancesOf(server: TestServer, boardId: string): Promise<Record<string, number>> {
  const ranking = expectStatus(await requestJson<WeeklyRanking>(server, `/api/boards/${boardId}/ranking?by=unit`), 200, 'GET ranking')
  return Object.fromEntries(ranking.rows.map((row) => [row.name, row.advances]))
}

/** The unit moves its card to 签约 by mouse: the card stays in 谋划, marked 待审核：→ 签约. */
async function proposeSigning(page: Page, projectId: string): Promise<void> {
  await page.waitForSelector(card(projectId), { timeout: UI_TIMEOUT_MS })
  await dragCardToColumn(page, projectId, 'signed')
  await page.locator(`${card(projectId)} [data-testid="card-proposals"] [data-status="pending"]`).waitFor({ timeout: UI_TIMEOUT_MS })
  expect(await page.locator(`[data-testid="column-planning"] ${card(projectId)}`).count(), 'the card stays in 谋划 until confirmed').toBe(1)
  expect(await page.locator(`${card(projectId)} [data-testid="card-proposals"]`).textContent()).toContain('待审核：→ 签约')
}

describe('a reporting period in the browser', () => {
  test('two units report, the office confirms one and returns the other, which corrects and is confirmed; the ranking follows the confirmations', async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first`)
    const server = await startServer()
    await createAccount(server, { ...GONGXIN, role: Role.editor, units: ['工信局'] })
    await createAccount(server, { ...SHANGWU, role: Role.editor, units: ['商务局'] })
    const board = await createBoard(server, '报送测试看板', Number(todayInChina().slice(0, 4)))
    const seeder = connectClient(server, board.id)
    await seeder.waitSynced()
    const fiber = createProject(seeder.doc, { name: '华能高性能纤维项目', stage: 'planning', unit: '工信局', totalInvestment: '57800' as WanAmount })
    const coldChain = createProject(seeder.doc, { name: '冷链物流园', stage: 'planning', unit: '商务局', totalInvestment: '32000' as WanAmount })
    writeReportingSettings(seeder.doc, DEFAULT_REPORTING_SETTINGS)
    const watcher = connectClient(server, board.id)
    await waitForDoc(watcher.doc, (doc) => readProject(doc, coldChain) !== undefined, { message: 'the seeded board to be stored' })
    expect(await advancesOf(server, board.id)).toEqual({ 工信局: 0, 商务局: 0 })

    const browser = await launchBrowser()
    const errors: string[] = []
    const boardUrl = `${server.url}/board/${encodeURIComponent(board.id)}`
    const newPage = async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' })
      const page = await context.newPage()
      page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
      return page
    }
    try {
      // Both units propose their move and report the period.
      const gongxin = await newPage()
      await signInThroughLoginPage(gongxin, boardUrl, GONGXIN.username, GONGXIN.password)
      await proposeSigning(gongxin, fiber)
      const shangwu = await newPage()
      await signInThroughLoginPage(shangwu, boardUrl, SHANGWU.username, SHANGWU.password)
      await proposeSigning(shangwu, coldChain)
      for (const [page, unit] of [
        [gongxin, '工信局'],
        [shangwu, '商务局'],
      ] as const) {
        await page.goto(`${boardUrl}/review`)
        await page.locator(`[data-testid="review-units"] tr[data-unit="${unit}"] [data-testid="review-submit"]`).click({ timeout: UI_TIMEOUT_MS })
        await page.locator(`[data-testid="review-units"] tr[data-unit="${unit}"][data-status="reported"]`).waitFor({ timeout: UI_TIMEOUT_MS })
      }
      expect(await advancesOf(server, board.id), 'proposals do not move the ranking').toEqual({ 工信局: 0, 商务局: 0 })

      // The office confirms 工信局's in one step and returns 商务局's with a reason.
      const office = await newPage()
      await signInThroughLoginPage(office, `${boardUrl}/review`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
      // 我的待办 in the header: the two proposals to review (both units reported, none overdue).
      await office.locator('[data-testid="inbox-count"][data-count="2"]').waitFor({ timeout: UI_TIMEOUT_MS })
      await office.locator('[data-testid="review-unit"][data-unit="工信局"] [data-testid="review-confirm-unit"]').click({ timeout: UI_TIMEOUT_MS })
      await office.locator('[data-testid="review-unit"][data-unit="商务局"] [data-testid="review-return"]').click({ timeout: UI_TIMEOUT_MS })
      await office.getByTestId('review-return-reason').fill(REASON)
      await office.getByTestId('review-return-reason').press('Enter')
      await office.locator('tr[data-unit="工信局"][data-status="reviewed"]').waitFor({ timeout: UI_TIMEOUT_MS })
      await office.locator('tr[data-unit="商务局"][data-status="returned"]').waitFor({ timeout: UI_TIMEOUT_MS })
      await waitForDoc(watcher.doc, (doc) => readProject(doc, fiber)?.stage === 'signed', { message: "工信局's move to be confirmed" })
      expect(await advancesOf(server, board.id)).toEqual({ 工信局: 1, 商务局: 0 })

      // 商务局 sees the reason, corrects (moves again) and the office confirms.
      await shangwu.locator('[data-testid="review-returned"] [data-testid="review-reason"]').waitFor({ timeout: UI_TIMEOUT_MS })
      expect(await shangwu.locator('[data-testid="review-returned"]').textContent()).toContain(REASON)
      await shangwu.goto(boardUrl)
      await shangwu.locator(`${card(coldChain)} [data-status="returned"]`).waitFor({ timeout: UI_TIMEOUT_MS })
      await proposeSigning(shangwu, coldChain)
      await office.locator('[data-testid="review-unit"][data-unit="商务局"] [data-testid="review-confirm"]').click({ timeout: UI_TIMEOUT_MS })
      await office.locator('tr[data-unit="商务局"][data-status="reviewed"]').waitFor({ timeout: UI_TIMEOUT_MS })
      await waitForDoc(watcher.doc, (doc) => readProject(doc, coldChain)?.stage === 'signed' && openProposalsOf(doc, coldChain).length === 0, {
        message: "商务局's corrected move to be confirmed",
      })
      expect(await advancesOf(server, board.id)).toEqual({ 工信局: 1, 商务局: 1 })
      await office.locator('[data-testid="inbox-count"][data-count="0"]').waitFor({ timeout: UI_TIMEOUT_MS })
      await office.screenshot({ path: await artifactPath('reporting-period-review.png'), fullPage: true })

      // The office changes the rules: weekly, due on Friday, 3 points per late period.
      await office.locator('summary', { hasText: '报送规则' }).click()
      const rules = office.getByRole('form', { name: '报送规则' })
      await rules.getByLabel('报送周期').selectOption('weekly')
      await rules.getByLabel('每周截止').selectOption('5')
      await rules.getByLabel('每期迟报或未报').fill('3')
      await rules.getByRole('button', { name: '保存报送规则' }).click()
      await waitForDoc(watcher.doc, (doc) => readReportingSettings(doc)?.cadence === 'weekly', { message: 'the weekly rule to reach the board' })
      expect(readReportingSettings(watcher.doc)).toMatchObject({ cadence: 'weekly', deadlineDay: 5, rankingWeights: { perLatePeriod: 3, perReturn: 2 } })
      expect(errors).toEqual([])
    } finally {
      await browser.close()
    }
  })
})
