import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { Stage } from '@guatu/shared/domain/stage'
import { Role } from '@guatu/shared/domain/role'
import { createUser } from '../helpers/accounts.ts'
import { artifactPath, launchBrowser, dragCardToColumn, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { createBoard, fetchBoard } from '../helpers/rest.ts'
import { startServer } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 15_000
const DISPLAY_NAME = '工信局刘科长'
const USERNAME = 'gxj_liu'
const PASSWORD = 'gongxin-liu-2025'

const column = (stage: Stage) => `[data-testid="column-${stage}"]`
const card = (id: string) => `[data-testid="card-${id}"]`

async function stageOnServer(server: Parameters<typeof fetchBoard>[0], boardId: string, id: string): Promise<Stage | undefined> {
  const { projects } = await fetchBoard(server, boardId)
  return projects.find((p) => p.id === id)?.stage
}

describe('a department user in the browser', () => {
  test("a 工信局 user cannot drag another department's card, can drag its own, and the history names them", async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) {
      throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first (pnpm --filter @guatu/client build)`)
    }
    const server = await startServer()
    await createUser(server, { username: USERNAME, password: PASSWORD, role: Role.editor, units: ['工信局'], displayName: DISPLAY_NAME })
    const board = await createBoard(server, '部门登录测试')
    const seeder = connectClient(server, board.id)
    await seeder.waitSynced()
    const own = createProject(seeder.doc, { name: '工信局智能制造项目', stage: 'planning', unit: '工信局', totalInvestment: '30000' as WanAmount })
    const foreign = createProject(seeder.doc, { name: '商务局综合体项目', stage: 'planning', unit: '商务局', totalInvestment: '20000' as WanAmount })
    const watcher = connectClient(server, board.id)
    await waitForDoc(watcher.doc, (doc) => listProjects(doc).length === 2, { message: 'the seeded cards to be stored' })

    const browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
    const boardUrl = `${server.url}/board/${encodeURIComponent(board.id)}`
    await signInThroughLoginPage(page, boardUrl, USERNAME, PASSWORD)
    await page.waitForSelector(`${column('planning')} ${card(foreign)}`, { timeout: UI_TIMEOUT_MS })

    // Another department's card: the drag is refused and the card stays in 谋划, with the reason shown.
    await dragCardToColumn(page, foreign, 'started')
    await page.getByTestId('toast').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await page.getByTestId('toast').textContent()).toMatch(/[\u4e00-\u9fff]/)
    await page.waitForSelector(`${column('planning')} ${card(foreign)}`, { timeout: UI_TIMEOUT_MS })
    expect(await page.locator(`${column('started')} ${card(foreign)}`).count()).toBe(0)

    // Its own card moves, and the stored board says so.
    await dragCardToColumn(page, own, 'started')
    await page.waitForSelector(`${column('started')} ${card(own)}`, { timeout: UI_TIMEOUT_MS })
    await waitForDoc(watcher.doc, (doc) => readProject(doc, own)?.stage === 'started', { message: "the department's own move to reach another client" })
    expect(await stageOnServer(server, board.id, own)).toBe('started')
    expect(await stageOnServer(server, board.id, foreign)).toBe('planning')
    expect(readProject(watcher.doc, foreign)?.stage).toBe('planning')

    // The project panel's history names the department user, not a client-supplied name.
    await page.locator(card(own)).click()
    await page.getByTestId('project-panel').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    const moveEntry = page.locator('[data-testid="history-entry"][data-action="move"]').first()
    await moveEntry.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    const text = (await moveEntry.textContent()) ?? ''
    expect(text).toContain(DISPLAY_NAME)
    expect(text).toContain('开工')

    await page.screenshot({ path: await artifactPath('department-login.png'), fullPage: true })
    expect(errors).toEqual([])
  })
})
