import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { boardTotals, endMeeting, markDecisionDone, recordDecision, startMeeting } from '@guatu/shared/board/meetingCommands'
import { listDecisions, listMeetings } from '@guatu/shared/board/meetingQueries'
import { createProject, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import { todayInChina, type IsoDate } from '@guatu/shared/domain/dates'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { Principal } from '@guatu/shared/domain/principal'
import { Role } from '@guatu/shared/domain/role'
import { artifactPath, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient, waitAllSynced, waitForDoc } from '../helpers/client.ts'
import { createBoard, expectStatus, requestJson } from '../helpers/rest.ts'
import { waitFor } from '../helpers/wait.ts'
import { clockShiftEnv, startServer, TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME, type TestServer } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 15_000
const DAY = 24 * 3600 * 1000
const AGENDA = ['商务局', '工信局', '文旅局']

async function officePrincipal(server: TestServer): Promise<Principal> {
  const me = expectStatus(await requestJson<{ user: { id: string } }>(server, '/api/me'), 200, 'GET /api/me').user
  return { kind: 'user', userId: me.id, username: TEST_ADMIN_USERNAME, displayName: '项目办', role: Role.admin, units: [] }
}

const dayAfter = (days: number) => todayInChina(new Date(Date.now() + days * DAY)) as IsoDate

describe('回头看 in the browser', () => {
  test('two meetings a week apart: the diff lists exactly the changes between them by unit, the first meeting’s decisions show done/overdue, and the second’s minutes include the summary', async () => {
    // A week ago (the server's clock runs a week behind): the first meeting and its decisions.
    const early = await startServer({ env: clockShiftEnv(-7 * DAY) })
    const board = await createBoard(early, '回头看浏览器测试', 2026)
    const admin = connectClient(early, board.id, { acks: true })
    await waitAllSynced([admin])
    const office = await officePrincipal(early)
    const lithium = createProject(admin.doc, { name: '锂电材料项目', stage: 'signed', unit: '工信局', totalInvestment: '57800' as WanAmount })
    const coldChain = createProject(admin.doc, { name: '冷链物流园', stage: 'started', unit: '商务局', totalInvestment: '32000' as WanAmount })
    const town = createProject(admin.doc, { name: '文旅小镇', stage: 'planning', unit: '文旅局', totalInvestment: '12000' as WanAmount })
    const first = startMeeting(
      admin.doc,
      { title: '第一次调度会', date: dayAfter(-7), attendees: AGENDA, agenda: AGENDA },
      boardTotals(listProjects(admin.doc)),
      office,
    )
    const onTime = recordDecision(
      admin.doc,
      { meetingId: first, projectId: lithium, content: '协调电力增容', assignee: '工信局', deadline: dayAfter(-5) },
      office,
    )
    recordDecision(admin.doc, { meetingId: first, projectId: coldChain, content: '落实冷库用地', assignee: '商务局', deadline: dayAfter(-6) }, office)
    endMeeting(admin.doc, first, boardTotals(listProjects(admin.doc)))
    markDecisionDone(admin.doc, onTime, office)
    await admin.waitSaved()
    await waitFor(() => listDecisions(admin.doc).find((decision) => decision.id === onTime)?.status === 'done', { message: 'the decision to be marked done' })
    admin.provider.destroy()
    await early.stop()

    // Today: the changes of the week, then the second meeting starts.
    const server = await startServer({ dataDir: early.dataDir })
    const now = connectClient(server, board.id, { acks: true })
    await waitAllSynced([now])
    moveProject(now.doc, lithium, { stage: 'started' })
    moveProject(now.doc, coldChain, { stage: 'signed' })
    updateProject(now.doc, town, { totalInvestment: '15000' as WanAmount })
    await waitForDoc(now.doc, (doc) => readProject(doc, town)?.totalInvestment === '15000', { message: 'the week’s changes' })
    const second = startMeeting(
      now.doc,
      { title: '第二次调度会', date: todayInChina(), attendees: AGENDA, agenda: AGENDA },
      boardTotals(listProjects(now.doc)),
      await officePrincipal(server),
    )
    await now.waitSaved()
    await waitForDoc(now.doc, (doc) => listMeetings(doc).some((meeting) => meeting.id === second && meeting.startedAt !== undefined), {
      message: 'the second meeting',
    })

    const browser = await launchBrowser()
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
      const page: Page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.message))
      await signInThroughLoginPage(page, `${server.url}/board/${encodeURIComponent(board.id)}`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
      // The second meeting has started: its first item is 回头看.
      await page.getByTestId('meeting-lookback').click()
      await page.waitForURL(`${server.url}/board/${encodeURIComponent(board.id)}/lookback`, { timeout: UI_TIMEOUT_MS })
      const banner = page.getByTestId('history-banner')
      await banner.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
      expect(await banner.textContent()).toMatch(/^历史视图 · \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/)
      await page.getByTestId('lookback-unit').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
      const units = await page
        .getByTestId('lookback-unit')
        .evaluateAll((sections) =>
          sections.map((section) => [section.getAttribute('data-unit'), [...section.querySelectorAll('li')].map((item) => item.textContent?.trim())]),
        )
      expect(units).toEqual([
        ['商务局', ['阶段退回 冷链物流园：退回：开工 → 签约']],
        ['工信局', ['阶段推进 锂电材料项目：阶段：签约 → 开工']],
        ['文旅局', ['金额变化 文旅小镇：总投资：1.20亿元 → 1.50亿元（+3000万元）']],
      ])
      const outcomes = await page
        .getByTestId('lookback-decisions')
        .locator('li')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-outcome')))
      expect(outcomes).toEqual(['done', 'overdue'])
      expect(await page.getByTestId('lookback-decisions').textContent()).toContain('按期办结')
      expect(await page.getByTestId('lookback-decisions').textContent()).toContain('逾期未办结')
      // The past board, read only: 冷链物流园 was still 开工 then.
      expect(await page.locator(`[data-project-id="${coldChain}"]`).count()).toBe(1)
      await page.screenshot({ path: await artifactPath('lookback-page.png'), fullPage: true })

      // Restore 冷链物流园 to that moment: one new change the server accepts; 撤销 brings back the present.
      page.once('dialog', (dialog) => void dialog.accept())
      await page.locator(`[data-project-id="${coldChain}"] [data-testid="lookback-restore"]`).click()
      await waitForDoc(now.doc, (doc) => readProject(doc, coldChain)?.stage === 'started', { message: 'the restore to reach the server' })
      expect(readProject(now.doc, lithium)?.stage, 'other projects untouched').toBe('started')
      await page.getByTestId('undo').click()
      await waitForDoc(now.doc, (doc) => readProject(doc, coldChain)?.stage === 'signed', { message: 'the undo of the restore to reach the server' })

      // Leaving the 历史视图 is one click.
      await page.getByTestId('leave-history').click()
      await page.waitForURL(`${server.url}/board/${encodeURIComponent(board.id)}`, { timeout: UI_TIMEOUT_MS })

      // On the board, 标出变化 marks the cards changed since the last meeting, saying what changed.
      await page.locator(`[data-testid="card-${coldChain}"]`).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
      expect(await page.locator('[data-changed="true"]').count()).toBe(0)
      await page.getByTestId('changed-toggle').check()
      await expect.poll(() => page.locator('[data-changed="true"]').count(), { timeout: UI_TIMEOUT_MS }).toBe(3)
      expect(await page.locator(`[data-testid="card-${coldChain}"] .card-change`).textContent()).toBe('有变化：退回：开工 → 签约')
      await page.screenshot({ path: await artifactPath('lookback-changed-cards.png') })
      await page.getByTestId('changed-toggle').uncheck()
      await expect.poll(() => page.locator('[data-changed="true"]').count(), { timeout: UI_TIMEOUT_MS }).toBe(0)

      // The second meeting's minutes carry the 回头看.
      await page.goto(`${server.url}/board/${encodeURIComponent(board.id)}/meetings/${encodeURIComponent(second)}`)
      const lookback = page.getByTestId('minutes-lookback')
      await lookback.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
      const text = (await lookback.textContent()) ?? ''
      expect(text).toContain('回头看')
      expect(text).toContain('冷链物流园（阶段退回）退回：开工 → 签约')
      expect(text).toContain('「协调电力增容」')
      expect(text).toContain('按期办结')
      expect(text).toContain('逾期未办结')
      expect(errors).toEqual([])
    } finally {
      await browser.close()
    }
  })
})
