import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { Role } from '@guatu/shared/domain/role'
import { Stage } from '@guatu/shared/domain/stage'
import { VettingStatus } from '@guatu/shared/domain/reserveCandidate'
import { createAccount } from '../helpers/accounts.ts'
import { artifactPath, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { createBoard, fetchBoard } from '../helpers/rest.ts'
import { candidatesOf, historyOf, reserveAs, reserveWorkbookFile } from '../helpers/reserve.ts'
import { startServer, TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 15_000
const DEPARTMENT = { username: 'gxj_sun', password: 'gongxin-sun-2025', displayName: '工信局孙科长' }
const NAME = '新能源电池回收利用项目'
const REASON = '请补充总投资测算依据'

function candidateCard(page: Page) {
  return page.getByTestId('candidate').filter({ hasText: NAME })
}

describe('项目库 in the browser', () => {
  test('a department proposes on a phone, the office returns it, the department corrects it, the office approves it and puts it on the 2023 board', async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) {
      throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first (pnpm --filter @guatu/client build)`)
    }
    const server = await startServer()
    await createAccount(server, { ...DEPARTMENT, role: Role.editor, units: ['工信局'] })
    const board = await createBoard(server, '2023年重点项目', 2023)
    const reserveUrl = `${server.url}/reserve`
    const browser = await launchBrowser()
    const errors: string[] = []
    const newPage = async (width: number, height: number) => {
      const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' })
      const page = await context.newPage()
      page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
      return page
    }

    // The department proposes from a 390 px phone.
    const department = await newPage(390, 844)
    await signInThroughLoginPage(department, reserveUrl, DEPARTMENT.username, DEPARTMENT.password)
    await department.getByRole('button', { name: '提出储备项目' }).click()
    const form = department.getByRole('form', { name: '提交审核' })
    await form.getByLabel('项目名称').fill(NAME)
    await form.getByLabel('储备级别').selectOption({ label: '前期推进' })
    await form.getByLabel('来源单位').fill('城关镇')
    await form.getByLabel('总投资（万元）').fill('26000')
    await form.getByRole('button', { name: '提交审核' }).click()
    await candidateCard(department).getByText('待审核').waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await department.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    expect(await candidateCard(department).getByRole('button', { name: '审核通过' }).count()).toBe(0)
    await department.screenshot({ path: await artifactPath('reserve-390-proposed.png'), fullPage: true })

    // The office returns it with a reason (a return without one cannot be sent).
    const office = await newPage(1440, 1000)
    await signInThroughLoginPage(office, reserveUrl, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    await candidateCard(office).getByRole('button', { name: '退回' }).click()
    expect(await candidateCard(office).getByRole('button', { name: '确认退回' }).isDisabled()).toBe(true)
    await candidateCard(office).getByLabel('退回原因').fill(REASON)
    await candidateCard(office).getByLabel('退回原因').press('Enter')
    await candidateCard(office).getByText(`退回原因：${REASON}`).waitFor({ timeout: UI_TIMEOUT_MS })

    // The department sees the reason, corrects and resubmits.
    await department.reload()
    await candidateCard(department).getByText(`退回原因：${REASON}`).waitFor({ timeout: UI_TIMEOUT_MS })
    await candidateCard(department).getByRole('button', { name: '修改后重新提交' }).click()
    await candidateCard(department).getByLabel('总投资（万元）').fill('28000')
    await candidateCard(department).getByRole('button', { name: '修改并重新提交' }).click()
    await candidateCard(department).getByText('待审核').waitFor({ timeout: UI_TIMEOUT_MS })

    // The office approves it and puts it on the 2023 board, by keyboard.
    await office.reload()
    await candidateCard(office).getByRole('button', { name: '审核通过' }).click()
    await candidateCard(office).getByLabel('列入').selectOption({ label: '2023年重点项目' })
    await candidateCard(office).getByRole('button', { name: '列入年度看板' }).focus()
    await office.keyboard.press('Enter')
    await candidateCard(office).getByText('已列入看板').waitFor({ timeout: UI_TIMEOUT_MS })
    await candidateCard(office).getByRole('button', { name: '查看记录' }).click()
    await candidateCard(office).getByText('列入年度看板「2023年重点项目」').waitFor({ timeout: UI_TIMEOUT_MS })
    await office.screenshot({ path: await artifactPath('reserve-office-moved.png'), fullPage: true })

    // The move answered once the project was stored: the board has it now.
    const { projects } = await fetchBoard(server, board.id)
    expect(projects).toHaveLength(1)
    expect(projects[0]).toMatchObject({ name: NAME, stage: Stage.planning, unit: '工信局', totalInvestment: '28000' })
    const [candidate] = candidatesOf(await reserveAs(server).list(), 'the reserve')
    expect(candidate).toMatchObject({ status: VettingStatus.approved, movedBoardId: board.id, movedProjectId: projects[0]?.id })
    const actions = historyOf(await reserveAs(server).history(candidate!.id), 'history').map((entry) => `${entry.action} ${entry.actor.label}`)
    expect(actions.reverse()).toEqual([
      'propose-candidate 工信局孙科长（工信局）',
      'return-candidate 项目办',
      'edit-candidate 工信局孙科长（工信局）',
      'resubmit-candidate 工信局孙科长（工信局）',
      'approve-candidate 项目办',
      'move-candidate 项目办',
    ])
    expect(errors).toEqual([])
  })

  test('the office imports a reserve workbook: a bad row blocks it with its row number, the corrected file is previewed with what was inferred and committed', async () => {
    const server = await startServer()
    const office = reserveAs(server)
    await office.propose({ name: '城区停车场', unit: '住建局', level: 'planning' })
    const headers = ['序号', '项目名称', '储备级别', '来源单位', '总投资（万元）', '责任单位']
    const good = [
      { 序号: 1, 项目名称: '城区停车场', 储备级别: '前期', 来源单位: '城关镇', '总投资（万元）': 8000, 责任单位: '住建局' },
      { 序号: 2, 项目名称: '秦岭康养小镇', 储备级别: '拟列入年度计划', 来源单位: '文旅局', '总投资（万元）': 52000, 责任单位: '文旅局' },
    ]
    const bad = [...good, { 序号: 3, 项目名称: '级别乱写的项目', 储备级别: '特级', 责任单位: '发改局' }]
    const browser = await launchBrowser()
    const errors: string[] = []
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' })).newPage()
    page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
    await signInThroughLoginPage(page, `${server.url}/reserve`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    await page.getByTestId('reserve-import-button').click()
    const upload = async (rows: typeof bad, name: string) =>
      page.getByTestId('reserve-import-file').setInputFiles([
        {
          name,
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          buffer: Buffer.from(await reserveWorkbookFile(headers, rows)),
        },
      ])

    await upload(bad, '储备库-有错.xlsx')
    const badRow = page.getByTestId('reserve-import-row-error')
    await badRow.waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await badRow.getAttribute('data-row')).toBe('5')
    expect(await badRow.textContent()).toContain('储备级别“特级”无法识别')
    expect(await page.getByTestId('reserve-import-commit').isDisabled()).toBe(true)

    await upload(good, '储备库.xlsx')
    await page.getByTestId('reserve-import-summary').getByText('新增 1 个 / 更新 1 个').waitFor({ timeout: UI_TIMEOUT_MS })
    const matched = page.getByTestId('reserve-import-row').filter({ hasText: '城区停车场' })
    expect(await matched.textContent()).toContain('按项目名称和责任单位匹配')
    expect(await matched.textContent()).toContain('储备级别：谋划储备 → 前期推进')
    expect(await matched.getByTestId('reserve-import-inferred').textContent()).toContain('储备级别按文字“前期”推定为“前期推进”')
    await page.screenshot({ path: await artifactPath('reserve-import-preview.png'), fullPage: true })
    await page.getByTestId('reserve-import-commit').click()
    await page.getByTestId('reserve-import-result').getByText('新增 1 个，更新 1 个').waitFor({ timeout: UI_TIMEOUT_MS })
    await page.getByTestId('reserve-total').getByText('2').waitFor({ timeout: UI_TIMEOUT_MS })
    await page.getByTestId('candidate').filter({ hasText: '秦岭康养小镇' }).waitFor({ timeout: UI_TIMEOUT_MS })

    const candidates = candidatesOf(await office.list(), 'the reserve')
    expect(candidates.map((candidate) => [candidate.name, candidate.level, candidate.sourceUnit]).sort()).toEqual([
      ['城区停车场', 'preparing', '城关镇'],
      ['秦岭康养小镇', 'proposed', '文旅局'],
    ])
    expect(errors).toEqual([])
  })
})
