import { describe, expect, test } from 'vitest'
import { Role } from '@guatu/shared/domain/role'
import { createUser } from '../helpers/accounts.ts'
import { launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { requestJson } from '../helpers/rest.ts'
import { startServer, TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 15_000
const USERNAME = 'cjj_sun'
const PASSWORD = 'sun-pass-2025'

describe('a locked account in the browser', () => {
  test('the locked user is told in Chinese for how long; the office sees the lock, reads what a reset ends, and unlocks', async () => {
    const server = await startServer()
    await createUser(server, { username: USERNAME, password: PASSWORD, role: Role.editor, units: ['财政局'] })
    for (let i = 0; i < 5; i++) await requestJson(server, '/api/login', { token: null, body: { username: USERNAME, password: `guess-${i}-pass` } })

    const browser = await launchBrowser()
    const locked = await (await browser.newContext({ locale: 'zh-CN' })).newPage()
    await locked.goto(`${server.url}/`)
    await locked.getByLabel('用户名', { exact: true }).fill(USERNAME)
    await locked.getByLabel('密码', { exact: true }).fill(PASSWORD)
    await locked.getByRole('button', { name: '登录', exact: true }).click()
    const error = locked.getByTestId('login-error')
    await error.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await error.textContent()).toMatch(/账号已锁定.*\d+分钟/)

    const office = await (await browser.newContext({ locale: 'zh-CN' })).newPage()
    await signInThroughLoginPage(office, `${server.url}/admin`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    const row = office.getByTestId(`user-row-${USERNAME}`)
    await office.getByTestId(`user-locked-${USERNAME}`).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await office.getByTestId(`user-locked-${USERNAME}`).textContent()).toMatch(/已锁定/)

    await row.getByRole('button', { name: '重置密码' }).click()
    await row.getByText('重置密码后，该用户的所有登录和脚本令牌将失效').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    await row.getByRole('button', { name: '取消' }).click()

    await row.getByRole('button', { name: '解锁' }).click()
    await office.getByTestId(`user-locked-${USERNAME}`).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS })
    expect(await row.getByRole('status').textContent()).toMatch(/已解锁/)

    await locked.getByLabel('密码', { exact: true }).fill(PASSWORD)
    await locked.getByRole('button', { name: '登录', exact: true }).click()
    await locked.getByLabel('用户名', { exact: true }).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS })
  })
})
