import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { Role } from '@guatu/shared/domain/role'
import { createUser } from '../helpers/accounts.ts'
import { deferCleanup } from '../helpers/cleanup.ts'
import { artifactPath, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { startIdentityProvider } from '../helpers/identityProvider.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { createBoard, requestJson } from '../helpers/rest.ts'
import { TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME, startServer } from '../helpers/server.ts'
import { ServerProcess } from '../helpers/serverProcess.ts'
import { setExternalId } from '../helpers/ssoFlow.ts'

const UI_TIMEOUT_MS = 15_000

/** From Guatu's login page through the provider's login page; resolves on the page the browser lands on. */
async function signInThroughSso(browser: Browser, url: string, login: string, screenshot?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  const page = await context.newPage()
  await page.goto(url)
  const button = page.getByTestId('sso-login')
  await button.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
  expect(await button.textContent()).toBe('统一身份认证登录')
  if (screenshot) await page.screenshot({ path: await artifactPath(screenshot) })
  await button.click()
  // The identity provider's own page, on its own origin.
  const loginField = page.locator('input[name="login"]')
  await loginField.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
  await loginField.fill(login)
  await page.locator('input[name="password"]').fill('any-password')
  await page.locator('button[type="submit"]').click()
  return page
}

describe('single sign-on in the browser', () => {
  test('the office enables a 统一身份账号; its owner signs in through the 统一身份认证 onto the board with the role the office set, others are refused in Chinese', async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) {
      throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first (pnpm --filter @guatu/client build)`)
    }
    const idp = await startIdentityProvider([
      { sub: 'zhang.wei', name: '张伟', preferredUsername: 'zhangwei' },
      { sub: 'li.na', name: '李娜', preferredUsername: 'lina' },
      { sub: 'wang.qiang', name: '王强', preferredUsername: 'wangqiang' },
    ])
    const server = await startServer({ env: idp.guatuEnv() })
    idp.registerGuatu(server.url)
    await createUser(server, { username: 'gxj_zhang', password: 'gongxin-zhang-2025', role: Role.editor, units: ['工信局'], displayName: '工信局张科长' })
    const wang = await createUser(server, { username: 'sw_wang', password: 'shangwu-wang-2025', role: Role.viewer, units: [] })
    await setExternalId(server, wang.id, 'wang.qiang')
    await requestJson(server, `/api/users/${wang.id}`, { method: 'PATCH', body: { disabled: true } })
    const board = await createBoard(server, '统一身份认证测试')
    const boardUrl = `${server.url}/board/${encodeURIComponent(board.id)}`

    const browser = await launchBrowser()
    const errors: string[] = []

    // The office enables 张伟's 统一身份账号 for the 工信局 account in the admin page.
    const adminContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    const admin = await adminContext.newPage()
    admin.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
    await signInThroughLoginPage(admin, `${server.url}/admin`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    const row = admin.getByTestId('external-id-row-gxj_zhang')
    await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await row.getByTestId('external-id-value').textContent()).toBe('未开通')
    await row.getByTestId('external-id-edit').click()
    await row.getByLabel('统一身份账号', { exact: true }).fill('zhang.wei')
    await row.getByRole('button', { name: '保存', exact: true }).click()
    await admin.waitForFunction(
      () => document.querySelector('[data-testid="external-id-row-gxj_zhang"] [data-testid="external-id-value"]')?.textContent === 'zhang.wei',
      undefined,
      { timeout: UI_TIMEOUT_MS },
    )
    await admin.getByTestId('external-ids-table').screenshot({ path: await artifactPath('sso-admin-external-ids.png') })

    // 张伟 opens the board, is sent to the login page, chooses 统一身份认证 and comes back onto the board.
    const zhang = await signInThroughSso(browser, boardUrl, 'zhang.wei', 'sso-login-page.png')
    zhang.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
    const who = zhang.getByTestId('current-user')
    await who.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    await zhang.waitForSelector('[data-testid="column-planning"]', { timeout: UI_TIMEOUT_MS })
    expect(new URL(zhang.url()).pathname).toBe(`/board/${encodeURIComponent(board.id)}`)
    const whoText = (await who.textContent()) ?? ''
    expect(whoText).toContain('工信局张科长')
    expect(whoText).toContain('责任单位')
    expect(whoText).toContain('工信局')
    await zhang.screenshot({ path: await artifactPath('sso-login-board.png'), fullPage: true })

    // 李娜 has a valid identity but no account: refused in Chinese, nothing created.
    const li = await signInThroughSso(browser, `${server.url}/`, 'li.na')
    const refusal = li.getByTestId('sso-refusal')
    await refusal.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await refusal.textContent()).toBe('该统一身份账号尚未开通，请联系项目办')
    await li.screenshot({ path: await artifactPath('sso-login-not-enabled.png') })
    expect((await li.context().cookies()).some((cookie) => cookie.name === 'guatu_session')).toBe(false)

    // 王强's account was disabled by the office: refused too.
    const wangPage = await signInThroughSso(browser, `${server.url}/`, 'wang.qiang')
    await wangPage.getByTestId('sso-refusal').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await wangPage.getByTestId('sso-refusal').textContent()).toBe('该账号已停用，请联系项目办')

    // The way back from a refusal is Guatu's own login page.
    await wangPage.getByTestId('sso-back-to-login').click()
    await wangPage.getByTestId('sso-login').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(errors).toEqual([])
  })

  test('with passwords off the login page offers only the 统一身份认证, and it signs in', async () => {
    const idp = await startIdentityProvider([{ sub: 'zhang.wei', name: '张伟', preferredUsername: 'zhangwei' }])
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-sso-only-e2e-'))
    deferCleanup(() => rm(dataDir, { recursive: true, force: true }))
    const env = { GUATU_DEMO: '0', GUATU_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...idp.guatuEnv() }
    const prepared = new ServerProcess(dataDir, env, { username: TEST_ADMIN_USERNAME, password: TEST_ADMIN_PASSWORD })
    await prepared.launch(0)
    const user = await createUser(prepared, {
      username: 'gxj_zhang',
      password: 'gongxin-zhang-2025',
      role: Role.editor,
      units: ['工信局'],
      displayName: '工信局张科长',
    })
    await setExternalId(prepared, user.id, 'zhang.wei')
    await prepared.stop()
    const ssoOnly = new ServerProcess(dataDir, { ...env, GUATU_LOCAL_LOGIN: '0' })
    deferCleanup(() => ssoOnly.shutdownQuietly())
    await ssoOnly.launch(0)
    idp.registerGuatu(ssoOnly.url)

    const browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    const page = await context.newPage()
    await page.goto(`${ssoOnly.url}/`)
    await page.getByTestId('sso-login').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await page.getByLabel('用户名', { exact: true }).count()).toBe(0)
    expect(await page.getByLabel('密码', { exact: true }).count()).toBe(0)
    await page.screenshot({ path: await artifactPath('sso-only-login-page.png') })
    await page.getByTestId('sso-login').click()
    await page.locator('input[name="login"]').fill('zhang.wei')
    await page.locator('input[name="password"]').fill('any-password')
    await page.locator('button[type="submit"]').click()
    await page.getByTestId('current-user').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await page.getByTestId('current-user').textContent()).toContain('工信局张科长')
  })
})
