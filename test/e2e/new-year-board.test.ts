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
  test('the office previews the 2023 board from the 2022 demo board, chooses what carries over, and the new board has exactly those; a project links back to its 2022 history', async () => {
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
    const status = preview.getByRole('status')
    expect(await status.textContent()).toContain(`将建立「示例区2023年重点项目」：结转 ${expected} 个项目`)
    // Every project of 2022 is offered once; the default set (everything not 投产) is checked.
    const rows = preview.getByTestId('rollover-row')
    expect(await rows.count()).toBe(demo.projects.length)
    const checkedIds = () =>
      preview.locator('[data-testid="rollover-row"][data-chosen="true"]').evaluateAll((found) => found.map((row) => row.getAttribute('data-project')))
    expect((await checkedIds()).sort()).toEqual(
      demo.projects
        .filter((project) => project.stage !== 'producing')
        .map((project) => project.id)
        .sort(),
    )

    // 全不选 then 全选: the server's preview follows each choice.
    await preview.getByRole('button', { name: '全不选' }).click()
    await expect.poll(() => status.textContent(), { timeout: UI_TIMEOUT_MS }).toContain('结转 0 个项目')
    expect(await preview.getByRole('button', { name: /确认建立/ }).isDisabled()).toBe(true)
    await preview.getByRole('button', { name: '全选', exact: true }).click()
    await expect.poll(() => status.textContent(), { timeout: UI_TIMEOUT_MS }).toContain(`结转 ${demo.projects.length} 个项目`)

    // The office's own choice: one 投产 project kept (a 续建 phase goes on), one unfinished one left behind.
    const producing = demo.projects.filter((project) => project.stage === 'producing')
    const unfinished = demo.projects.find((project) => project.stage !== 'producing')!
    const kept = producing[0]
    for (const project of [unfinished, ...producing.slice(1)]) await preview.getByLabel(`结转「${project.name}」`).uncheck()
    const chosen = demo.projects.filter((project) => project.id !== unfinished.id && (project.stage !== 'producing' || project.id === kept?.id))
    await expect.poll(() => status.textContent(), { timeout: UI_TIMEOUT_MS }).toContain(`结转 ${chosen.length} 个项目`)
    expect((await requestJson(server, '/api/boards/demo-2023')).status).toBe(404)

    await preview.getByRole('button', { name: `确认建立（结转 ${chosen.length} 个）` }).click()
    await page.waitForURL(/\/board\/demo-2023/, { timeout: UI_TIMEOUT_MS })
    await page.getByTestId('card-years').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await page.getByTestId('card-years').first().textContent()).toBe('2022—2023年')
    const created = expectStatus(await requestJson<BoardDetailResponse>(server, '/api/boards/demo-2023'), 200, 'the 2023 board')
    // Exactly the chosen ones, no more, no fewer.
    expect(created.projects.map((project) => project.id).sort()).toEqual(chosen.map((project) => project.id).sort())

    // The project's panel shows its years and leads to the 2022 board's history of the same project.
    const carried = chosen.find((project) => project.stage !== 'producing')!
    await page.locator(`[data-testid="card-${carried.id}"]`).click()
    const panel = page.getByTestId('project-panel')
    await panel.getByTestId('project-years').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await panel.getByTestId('project-years-span').textContent()).toBe('2022—2023年')
    const earlier = panel.getByTestId('project-year-link')
    expect(await earlier.count()).toBe(1)
    expect(await earlier.textContent()).toContain('2022年')
    await earlier.click()
    await page.waitForURL(new RegExp(`/board/demo\\?project=${carried.id}$`), { timeout: UI_TIMEOUT_MS })
    await expect.poll(() => panel.getByRole('heading', { level: 2 }).textContent(), { timeout: UI_TIMEOUT_MS }).toBe(carried.name)
    await panel.getByTestId('project-history').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    await panel.getByRole('button', { name: '关闭项目详情' }).click()
    await expect.poll(() => new URL(page.url()).search, { timeout: UI_TIMEOUT_MS }).toBe('')

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
    ).toBe(String(chosen.length))
    expect(await cells(/^合计/).nth(0).textContent()).toBe(String(demo.projects.length + chosen.length))
    expect(errors).toEqual([])
    await browser.close()
  })
})
