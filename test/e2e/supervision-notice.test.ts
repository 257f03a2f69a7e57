import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { listNotices } from '@guatu/shared/board/noticeQueries'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { WanAmount } from '@guatu/shared/domain/money'
import { Role } from '@guatu/shared/domain/role'
import { createAccount } from '../helpers/accounts.ts'
import { artifactPath, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { createBoard } from '../helpers/rest.ts'
import { startServer, TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 15_000
const DEPARTMENT = { username: 'gxj_zhao', password: 'gongxin-zhao-2025', displayName: '工信局赵科长' }
/** How the server names the department user in history: principalLabel = display name and units. */
const DEPARTMENT_LABEL = '工信局赵科长（工信局）'
/** The bootstrapped admin account is the project office. */
const OFFICE_LABEL = '项目办'
const REQUIREMENT = '9月底前完成厂房主体封顶并报送进度'
const REPLY = '已协调施工单位增加班组，预计9月25日封顶'

const card = (id: string) => `[data-testid="card-${id}"]`

async function openPanel(page: Page, projectId: string): Promise<void> {
  await page.locator(card(projectId)).click()
  await page.getByTestId('project-panel').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
}

/** The first history entry of `action` in the open panel, once it has arrived from the server. */
async function historyEntryText(page: Page, action: string): Promise<string> {
  const entry = page.locator(`[data-testid="history-entry"][data-action="${action}"]`).first()
  await entry.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
  return (await entry.textContent()) ?? ''
}

describe('督办单 in the browser', () => {
  test('the project office issues and escalates a notice, the department sees the badge and replies, and every step is attributed by the server', async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) {
      throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first (pnpm --filter @guatu/client build)`)
    }
    const server = await startServer()
    await createAccount(server, { ...DEPARTMENT, role: Role.editor, units: ['工信局'] })
    const board = await createBoard(server, '督办测试看板', 2025)
    const seeder = connectClient(server, board.id)
    await seeder.waitSynced()
    const projectId = createProject(seeder.doc, {
      name: '工信局高端装备产业园项目',
      stage: 'started',
      unit: '工信局',
      totalInvestment: '52000' as WanAmount,
      annualPlanInvestment: '12000' as WanAmount,
    })
    const watcher = connectClient(server, board.id)
    await waitForDoc(watcher.doc, (doc) => listProjects(doc).length === 1, { message: 'the seeded project to be stored' })

    const browser = await launchBrowser()
    const errors: string[] = []
    const boardUrl = `${server.url}/board/${encodeURIComponent(board.id)}`
    const newPage = async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' })
      const page = await context.newPage()
      page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
      return page
    }

    // The project office issues a 蓝色督办 from the project's panel …
    const office = await newPage()
    await signInThroughLoginPage(office, boardUrl, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    await office.waitForSelector(card(projectId), { timeout: UI_TIMEOUT_MS })
    await openPanel(office, projectId)
    await office.getByRole('button', { name: '下发督办单' }).click()
    await office.getByLabel('督办等级').selectOption('blue')
    await office.getByLabel('督办要求').fill(REQUIREMENT)
    await office.getByLabel('办理时限').fill('2025-09-30')
    await office.getByRole('button', { name: '下发', exact: true }).click()
    const item = office.getByTestId('notice-item').first()
    await office.waitForSelector('[data-testid="notice-item"][data-level="blue"]', { timeout: UI_TIMEOUT_MS })
    expect(await item.textContent()).toContain('蓝色督办')

    // … and escalates it to 黄.
    await office.getByTestId('notice-escalate').click()
    await office.waitForSelector('[data-testid="notice-item"][data-level="yellow"]', { timeout: UI_TIMEOUT_MS })
    await waitForDoc(watcher.doc, (doc) => listNotices(doc)[0]?.level === 'yellow', { message: 'the escalation to be stored on the server' })

    // The department sees 黄色督办 on its card, opens it and replies.
    const department = await newPage()
    await signInThroughLoginPage(department, boardUrl, DEPARTMENT.username, DEPARTMENT.password)
    const badge = department.locator(`${card(projectId)} [data-testid="card-notice-badge"]`)
    await badge.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await badge.textContent()).toContain('黄色督办')
    await department.screenshot({ path: await artifactPath('supervision-notice-department-card.png') })
    await openPanel(department, projectId)
    expect(await department.getByTestId('notice-escalate').count()).toBe(0)
    await department.getByLabel('办理情况').fill(REPLY)
    await department.getByRole('button', { name: '提交答复' }).click()
    await waitForDoc(watcher.doc, (doc) => listNotices(doc)[0]?.reply === REPLY, { message: "the department's reply to be stored on the server" })
    expect(listNotices(watcher.doc)[0]?.repliedByLabel).toBe(DEPARTMENT_LABEL)

    // The office's open panel shows the reply live, and its history names who did each step.
    await office.waitForFunction((reply) => document.querySelector('[data-testid="notice-reply"]')?.textContent?.includes(reply) ?? false, REPLY, {
      timeout: UI_TIMEOUT_MS,
    })
    expect(await historyEntryText(office, 'issue-notice')).toContain(OFFICE_LABEL)
    const escalation = await historyEntryText(office, 'escalate-notice')
    expect(escalation).toContain(OFFICE_LABEL)
    expect(escalation).toContain('黄色督办')
    const reply = await historyEntryText(office, 'reply-notice')
    expect(reply).toContain(DEPARTMENT_LABEL)
    expect(reply).toContain(REPLY)
    await office.screenshot({ path: await artifactPath('supervision-notice-office-panel.png'), fullPage: true })
    await department.screenshot({ path: await artifactPath('supervision-notice-department-panel.png'), fullPage: true })
    expect(errors).toEqual([])
  })
})
