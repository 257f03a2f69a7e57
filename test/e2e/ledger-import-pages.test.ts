import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { hugeCsv } from '../fixtures/ledgers/hostileLedgers.ts'
import { demoProjectsFor } from '../fixtures/ledgers/messyLedgerSpecs.ts'
import { buildWanFormatsLedger } from '../fixtures/ledgers/wanFormatsLedger.ts'
import { artifactPath, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { deferCleanup } from '../helpers/cleanup.ts'
import { createBoard, fetchBoard } from '../helpers/rest.ts'
import { TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME, startServer } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 60_000

async function writeTemp(name: string, bytes: Uint8Array): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guatu-pages-'))
  deferCleanup(() => rm(dir, { recursive: true, force: true }))
  const file = path.join(dir, name)
  await writeFile(file, bytes)
  return file
}

describe('a long ledger in the browser', () => {
  test("the preview shows 200 rows at a time with the whole file's counts, pages on, and the import takes every row; a file over a limit is refused in Chinese", async () => {
    const server = await startServer()
    const board = await createBoard(server, '长台账', 2022)
    const ledger = await writeTemp('长台账.xlsx', await buildWanFormatsLedger(demoProjectsFor({ file: '', seed: 11, count: 2000, brokenIndexes: [] })))
    const browser = await launchBrowser()
    const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage()
    await signInThroughLoginPage(page, `${server.url}/board/${board.id}`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)

    await page.getByRole('button', { name: '导入台账' }).click()
    await page.getByLabel('选择台账文件').setInputFiles(ledger)
    await page.getByRole('navigation', { name: '预览分页' }).waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await page.getByRole('navigation', { name: '预览分页' }).innerText()).toContain('第 1–200 行，共 2000 行')
    expect(await page.getByTestId('import-row').count()).toBe(200)
    const firstPageRow = await page.getByTestId('import-row').first().getAttribute('data-row')
    expect(await page.getByTestId('import-summary').innerText()).toContain('新建 2000 个')

    await page.getByTestId('import-next-page').click()
    await expect.poll(() => page.getByRole('navigation', { name: '预览分页' }).innerText(), { timeout: UI_TIMEOUT_MS }).toContain('第 201–400 行，共 2000 行')
    expect(await page.getByTestId('import-row').first().getAttribute('data-row')).not.toBe(firstPageRow)
    await page.screenshot({ path: await artifactPath('ledger-import-second-page.png') })

    await expect.poll(() => page.getByRole('button', { name: '确认导入' }).isEnabled(), { timeout: UI_TIMEOUT_MS }).toBe(true)
    await page.getByRole('button', { name: '确认导入' }).click()
    await page.getByRole('status').filter({ hasText: '导入完成' }).waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await page.getByRole('status').filter({ hasText: '导入完成' }).innerText()).toContain('新建 2000 个')
    expect((await fetchBoard(server, board.id)).projects).toHaveLength(2000)

    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: '导入台账' }).click()
    await page.getByLabel('选择台账文件').setInputFiles(await writeTemp('huge.csv', hugeCsv()))
    await expect.poll(() => page.getByRole('alert').innerText(), { timeout: UI_TIMEOUT_MS }).toContain('台账超过 20,000 行的上限')
    await page.screenshot({ path: await artifactPath('ledger-import-row-limit.png') })
  })
})
