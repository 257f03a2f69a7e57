import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, test } from 'vitest'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { WanAmount } from '@guatu/shared/domain/money'
import { launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { createBoard } from '../helpers/rest.ts'
import { startServer, TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/server.ts'
import { StandInRobot } from '../helpers/standInRobot.ts'

const UI_TIMEOUT_MS = 15_000

describe('提醒渠道 and 月报 in the browser', () => {
  test('the office registers a unit’s 企业微信 robot, sees it masked, sends a test message that the robot receives and the log shows, then downloads the 月报', async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first`)
    const robot = await StandInRobot.start()
    const server = await startServer({ env: { GUATU_REMINDER_ALLOWED_TARGETS: robot.origin } })
    const board = await createBoard(server, '提醒测试看板', Number(new Date().getUTCFullYear()))
    const seeder = connectClient(server, board.id)
    await seeder.waitSynced()
    createProject(seeder.doc, { name: '锂电材料项目', stage: 'started', unit: '工信局', totalInvestment: '50000' as WanAmount })
    createProject(seeder.doc, { name: '冷链物流园', stage: 'planning', unit: '商务局', totalInvestment: '8000' as WanAmount })
    const watcher = connectClient(server, board.id)
    await waitForDoc(watcher.doc, (doc) => listProjects(doc).length === 2, { message: 'the seeded projects to be stored' })

    const browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
    await signInThroughLoginPage(page, `${server.url}/admin`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    const section = page.getByTestId('reminder-channels')
    await section.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    await section.getByTestId('reminder-board').selectOption(board.id)
    await section.getByTestId('channel-unit').fill('工信局')
    await section.getByTestId('channel-kind').selectOption('wecom')
    await section.getByTestId('channel-target').fill(robot.wecomUrl)
    await section.getByTestId('channel-submit').click()
    const table = section.getByTestId('reminder-channel-table')
    await table.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    const row = await table.locator('tbody tr').first().textContent()
    expect(row).toContain('工信局')
    expect(row).toContain('企业微信群机器人')
    expect(row).not.toContain(robot.wecomKey)

    await section.getByTestId('reminder-test').click()
    await section.getByTestId('reminder-notice').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await section.getByTestId('reminder-notice').textContent()).toBe('测试消息已发送到工信局的企业微信群机器人')
    expect(robot.messagesTo('wecom').map((message) => message.text.includes('提醒测试看板'))).toEqual([true])
    const log = section.getByTestId('reminder-log')
    await log.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await log.locator('tbody tr').first().textContent()).toContain('测试消息')

    await page.goto(`${server.url}/board/${encodeURIComponent(board.id)}/progress`)
    await page.getByTestId('monthly-report-xlsx').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: UI_TIMEOUT_MS }), page.getByTestId('monthly-report-xlsx').click()])
    expect(download.suggestedFilename()).toMatch(/^提醒测试看板-\d{4}年\d{1,2}月月报\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    const bytes = await readFile((await download.path()) ?? '')
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
    const summary = workbook.getWorksheet('总体情况')!
    expect(summary.getCell(3, 1).value).toBe('项目数')
    expect(summary.getCell(3, 2).value).toBe(2)
    expect(summary.getCell(4, 2).value).toBe(5.8)
    expect(errors).toEqual([])
    await browser.close()
  })
})
