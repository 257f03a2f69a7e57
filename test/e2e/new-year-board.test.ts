import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import type { BoardDetailResponse } from '@guatu/shared/api/boards'
import { launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/credentials.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { expectStatus, requestJson } from '../helpers/rest.ts'
import { startServer } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 20_000

describe('新建年度看板 in the browser', () => {
  test('the office previews the 2023 board from the 2022 demo board, nothing is written until it confirms, then the new board opens', async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first`)
    const server = await startServer({ demo: true })
    const demo = expectStatus(await requestJson<BoardDetailResponse>(server, '/api/boards/demo'), 200, 'the demo board')
    const expected = demo.projects.filter((project) => project.stage !== 'producing').length

    const browser = await launchBrowser()
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
    await signInThroughLoginPage(page, `${server.url}/`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)

    const form = page.getByRole('region', { name: '新建年度看板' })
    await form.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await form.getByLabel('新年度').inputValue()).toBe('2023')
    await form.getByRole('button', { name: '预览结转' }).click()
    const preview = page.getByTestId('rollover-preview')
    await preview.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await preview.getByRole('status').textContent()).toContain(`将建立「示例区2023年重点项目」：结转 ${expected} 个项目`)
    expect(await preview.locator('.rollover-table tbody tr').count()).toBe(expected)
    expect((await requestJson(server, '/api/boards/demo-2023')).status).toBe(404)

    await preview.getByRole('button', { name: '确认建立' }).click()
    await page.waitForURL(/\/board\/demo-2023/, { timeout: UI_TIMEOUT_MS })
    await page.getByTestId('card-years').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await page.getByTestId('card-years').first().textContent()).toBe('2022—2023年')
    const created = expectStatus(await requestJson<BoardDetailResponse>(server, '/api/boards/demo-2023'), 200, 'the 2023 board')
    expect(created.projects).toHaveLength(expected)

    // 汇总: both years side by side, read only, with their totals.
    await page.goto(`${server.url}/`)
    await page.getByRole('link', { name: '汇总' }).click()
    const rollup = page.getByRole('table', { name: /各看板汇总/ })
    await rollup.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    // A board's row: 年度 then 项目数; the 合计 row spans both header columns, so 项目数 comes first.
    const cells = (name: RegExp) => rollup.getByRole('row', { name }).getByRole('cell')
    expect(
      await cells(/示例区2023年重点项目/)
        .nth(1)
        .textContent(),
    ).toBe(String(expected))
    expect(await cells(/^合计/).nth(0).textContent()).toBe(String(demo.projects.length + expected))
    expect(errors).toEqual([])
    await browser.close()
  })
})
