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

    await page.getByRole('button', { name: '导入台账' }).click()
    await page.getByLabel('选择台账文件').setInputFiles(path.join(LEDGERS, 'messy-broken-row.xlsx'))
    await page.getByTestId('import-preview').waitFor({ timeout: UI_TIMEOUT_MS })
    await expect.poll(() => page.getByTestId('import-row-error').count(), { timeout: UI_TIMEOUT_MS }).toBe(1)
    expect(await page.getByTestId('import-row-error').innerText()).toContain('2022-13-45')
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true)
    await page.screenshot({ path: await artifactPath('ledger-import-preview-error.png') })
    expect((await fetchBoard(server, board.id)).projects).toEqual([])

    await page.getByLabel('选择台账文件').setInputFiles(path.join(LEDGERS, 'messy-wan-formats.xlsx'))
    await expect.poll(() => page.getByTestId('import-row-error').count(), { timeout: UI_TIMEOUT_MS }).toBe(0)
    await expect.poll(() => page.getByRole('button', { name: '确认导入' }).isEnabled(), { timeout: UI_TIMEOUT_MS }).toBe(true)
    await page.getByRole('button', { name: '确认导入' }).click()
    await page.getByRole('status').filter({ hasText: '导入完成' }).waitFor({ timeout: UI_TIMEOUT_MS })
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

describe('importing a ledger without a stage column in the browser', () => {
  test("the preview shows each row's stage source and flags a future actual date; a mapped column and a given report date let it commit into the right columns", async () => {
    const server = await startServer()
    const board = await createBoard(server, '推进情况表', 2022)
    const browser = await launchBrowser()
    const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage()
    await signInThroughLoginPage(page, `${server.url}/board/${board.id}`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)

    await page.getByRole('button', { name: '导入台账' }).click()
    await page.getByLabel('选择台账文件').setInputFiles(path.join(LEDGERS, 'county-words.xlsx'))
    await page.getByTestId('import-preview').waitFor({ timeout: UI_TIMEOUT_MS })
    const rowOf = (name: string) => page.locator('tr.import-row', { hasText: name })
    const stageOf = (name: string) => rowOf(name).getByTestId('import-stage-source')

    expect(await page.getByLabel('填报日期').inputValue()).toBe('2022-08-20')
    expect(await page.getByTestId('import-report-date-source').innerText()).toContain('表头标题行')
    expect(await stageOf('城东污水处理厂提标改造').innerText()).toBe('投产 · 进度文字“已投产”')
    expect(await stageOf('年产5万吨锂电材料项目').innerText()).toBe('签约 · 进度文字“已签约”')
    expect(await rowOf('年产5万吨锂电材料项目').innerText()).toContain('实际开工时间 2022-05-10表明开工，请核对')
    expect(await stageOf('城区智慧停车场').getAttribute('data-source')).toBe('none')
    expect(await rowOf('县图书馆新馆').getByTestId('import-row-inferred').innerText()).toContain('实际开工时间“3月底”按填报年份2022年推定为 2022-03-31')
    await expect.poll(() => page.getByTestId('import-row-error').count(), { timeout: UI_TIMEOUT_MS }).toBe(1)
    expect(await page.getByTestId('import-row-error').innerText()).toContain('晚于填报日期 2022-08-20')
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true)
    await page.screenshot({ path: await artifactPath('ledger-words-preview.png') })

    await page.getByTestId('import-mapping-推进情况').selectOption('stageEvidence')
    await expect.poll(() => stageOf('城区智慧停车场').innerText(), { timeout: UI_TIMEOUT_MS }).toBe('投产 · 进度文字“已建成投用”')
    // The office corrects the report date (the ledger was finished at year end): 12月底 is no longer in the future.
    await page.getByLabel('填报日期').fill('2022-12-31')
    await expect.poll(() => page.getByTestId('import-row-error').count(), { timeout: UI_TIMEOUT_MS }).toBe(0)
    await expect.poll(() => page.getByRole('button', { name: '确认导入' }).isEnabled(), { timeout: UI_TIMEOUT_MS }).toBe(true)
    await page.getByRole('button', { name: '确认导入' }).click()
    await page.getByRole('status').filter({ hasText: '导入完成' }).waitFor({ timeout: UI_TIMEOUT_MS })
    await page.keyboard.press('Escape')

    const expected = {
      planning: ['冷链物流中心'],
      signed: ['年产5万吨锂电材料项目'],
      started: ['县图书馆新馆', '乡村振兴示范园'],
      producing: ['城东污水处理厂提标改造', '城区智慧停车场'],
    }
    for (const [stage, names] of Object.entries(expected)) {
      const column = page.getByTestId(`column-${stage}`)
      await expect.poll(() => page.getByTestId(`column-count-${stage}`).getAttribute('data-value'), { timeout: UI_TIMEOUT_MS }).toBe(String(names.length))
      for (const name of names) expect(await column.getByRole('heading', { name, exact: true }).count(), `${name} in ${stage}`).toBe(1)
    }
    expect(await page.getByTestId('column-started').locator('.card-body', { hasText: '乡村振兴示范园' }).getByTestId('card-industry-unset').count()).toBe(1)
    await page.screenshot({ path: await artifactPath('ledger-words-board.png') })
  })
})
