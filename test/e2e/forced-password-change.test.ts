import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { createProject } from '@guatu/shared/board/projectCommands'
import { Role } from '@guatu/shared/domain/role'
import { createUser } from '../helpers/accounts.ts'
import { launchBrowser } from '../helpers/browser.ts'
import { connectClient } from '../helpers/client.ts'
import { DENGBAO_DEFAULT_ACCOUNT_ENV } from '../helpers/credentials.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { createBoard } from '../helpers/rest.ts'
import { startServer } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 15_000
const FIRST_PASSWORD = 'Chushi-Mima-2026'
const OWN_PASSWORD = 'Ziji-De-Mima-9'

describe('first sign-in in the browser', () => {
  test('a new account is shown the change-password page first, with the rules in Chinese, and then the board', async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first`)
    const server = await startServer({ env: { ...DENGBAO_DEFAULT_ACCOUNT_ENV } })
    await createUser(server, { username: 'gxj_wang', password: FIRST_PASSWORD, role: Role.editor, units: ['工信局'], displayName: '工信局王科长' })
    const board = await createBoard(server, '首次登录看板')
    const seeder = connectClient(server, board.id)
    await seeder.waitSynced()
    const project = createProject(seeder.doc, { name: '工信局首个项目', stage: 'planning', unit: '工信局' })

    const browser = await launchBrowser()
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
    const boardUrl = `${server.url}/board/${encodeURIComponent(board.id)}`
    await page.goto(boardUrl)
    await page.getByLabel('用户名', { exact: true }).fill('gxj_wang')
    await page.getByLabel('密码', { exact: true }).fill(FIRST_PASSWORD)
    await page.getByRole('button', { name: '登录', exact: true }).click()

    // Straight to 修改密码, whatever page was asked for.
    await page.getByTestId('password-change-required').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await page.getByTestId('change-password').textContent()).toContain('至少10位')
    expect(await page.locator(`[data-testid="card-${project}"]`).count()).toBe(0)

    // A password the rules refuse is caught before it is sent.
    await page.getByLabel('当前密码').fill(FIRST_PASSWORD)
    await page.getByLabel('新密码', { exact: true }).fill('abcdefghijk')
    await page.getByLabel('再次输入新密码').fill('abcdefghijk')
    await page.getByRole('button', { name: '修改密码' }).click()
    expect(await page.getByRole('alert').textContent()).toContain('至少3类')

    await page.getByLabel('新密码', { exact: true }).fill(OWN_PASSWORD)
    await page.getByLabel('再次输入新密码').fill(OWN_PASSWORD)
    await page.getByRole('button', { name: '修改密码' }).click()
    await page.locator(`[data-testid="card-${project}"]`).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(new URL(page.url()).pathname).toBe(`/board/${encodeURIComponent(board.id)}`)
    // The name in the header opens the sign-in notice and the way to change the password again.
    await page.getByTestId('user-menu').click()
    await page.getByTestId('last-login').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await page.getByTestId('last-login').textContent()).toContain('首次登录')
    expect(await page.getByRole('link', { name: '修改密码' }).isVisible()).toBe(true)
    expect(errors).toEqual([])
  })

  test('a board page nobody touches for the idle timeout signs itself out and shows the login page', async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first`)
    // 3 s idle timeout; the page checks every 15 s, so this waits at most about 18 s, not 30 minutes.
    const server = await startServer({ env: { GUATU_SESSION_IDLE_MS: '3000' } })
    await createUser(server, { username: 'lingdao2', password: FIRST_PASSWORD, role: Role.viewer, units: [] })
    const board = await createBoard(server, '无人值守看板')
    const browser = await launchBrowser()
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage()
    const boardUrl = `${server.url}/board/${encodeURIComponent(board.id)}`
    await page.goto(boardUrl)
    await page.getByLabel('用户名', { exact: true }).fill('lingdao2')
    await page.getByLabel('密码', { exact: true }).fill(FIRST_PASSWORD)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.getByTestId('user-menu').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })

    await page.getByLabel('用户名', { exact: true }).waitFor({ state: 'visible', timeout: 30_000 })
    expect(await page.textContent('body')).toContain('登录已失效，请重新登录')
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/board/${encodeURIComponent(board.id)}`)
  })
})
