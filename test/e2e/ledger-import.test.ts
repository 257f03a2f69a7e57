import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { columnTotals } from '@guatu/shared/board/projectFilter'
import { formatYi } from '@guatu/shared/domain/money'
import type { Project } from '@guatu/shared/domain/project'
import { STAGES } from '@guatu/shared/domain/stage'
import { artifactPath, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { HELPERS_DIR } from '../helpers/paths.ts'
import { createBoard, fetchBoard } from '../helpers/rest.ts'
import { TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME, startServer } from '../helpers/server.ts'

const LEDGERS = path.join(HELPERS_DIR, '..', 'fixtures', 'ledgers')
const UI_TIMEOUT_MS = 15_000

describe('importing a ledger in the browser', () => {
  test('the preview reports a broken row and blocks the import; a clean ledger imports; a unit filter changes the header totals', async () => {
    const server = await startServer()
    const board = await createBoard(server, '台账导入', 2022)
    const browser = await launchBrowser()
    const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage()
    await signInThroughLoginPage(page, `${server.url}/board/${board.id}`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)

    await page.getByTestId('import-button').click()
    await page.getByTestId('import-file-input').setInputFiles(path.join(LEDGERS, 'messy-broken-row.xlsx'))
    await page.getByTestId('import-preview').waitFor({ timeout: UI_TIMEOUT_MS })
    await expect.poll(() => page.getByTestId('import-row-error').count(), { timeout: UI_TIMEOUT_MS }).toBe(1)
    expect(await page.getByTestId('import-row-error').innerText()).toContain('2022-13-45')
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true)
    await page.screenshot({ path: await artifactPath('ledger-import-preview-error.png') })
    expect((await fetchBoard(server, board.id)).projects).toEqual([])

    await page.getByTestId('import-file-input').setInputFiles(path.join(LEDGERS, 'messy-wan-formats.xlsx'))
    await expect.poll(() => page.getByTestId('import-row-error').count(), { timeout: UI_TIMEOUT_MS }).toBe(0)
    await expect.poll(() => page.getByTestId('import-commit').isEnabled(), { timeout: UI_TIMEOUT_MS }).toBe(true)
    await page.getByTestId('import-commit').click()
    await page.getByTestId('import-result').waitFor({ timeout: UI_TIMEOUT_MS })
    const projects = (await fetchBoard(server, board.id)).projects as Project[]
    expect(projects.length).toBeGreaterThan(10)
    await page.keyboard.press('Escape')

    const shownCount = async () => {
      let total = 0
      for (const stage of STAGES) total += Number((await page.getByTestId(`column-count-${stage}`).innerText()).replace(/\D/g, ''))
      return total
    }
    await expect.poll(shownCount, { timeout: UI_TIMEOUT_MS }).toBe(projects.length)
    const started = projects.filter((project) => project.stage === 'started')
    expect(await page.getByTestId('column-total-started').innerText()).toContain(formatYi(columnTotals(started).totalInvestmentCents))

    const unit = started[0]!.unit
    await page.getByTestId('filter-unit').click()
    await page.getByTestId(`filter-unit-option-${unit}`).click()
    const visible = projects.filter((project) => project.unit === unit)
    await expect.poll(shownCount, { timeout: UI_TIMEOUT_MS }).toBe(visible.length)
    const visibleStarted = visible.filter((project) => project.stage === 'started')
    expect(await page.getByTestId('column-total-started').innerText()).toContain(formatYi(columnTotals(visibleStarted).totalInvestmentCents))
    expect(new URL(page.url()).searchParams.getAll('unit')).toEqual([unit])
    await page.screenshot({ path: await artifactPath('ledger-import-filtered.png') })
  })
})
