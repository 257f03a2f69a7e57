import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { artifactPath, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { contrastOf, lineCount, MIN_CONTRAST, overflowingText, visibleCardsPerColumn } from '../helpers/layoutChecks.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { startServer, TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 15_000

describe('the meeting room', () => {
  test('explore', async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error('build the client first')
    const server = await startServer({ demo: true })
    const admin = connectClient(server, 'demo')
    await waitForDoc(admin.doc, (doc) => listProjects(doc).length > 100, { message: 'the demo board' })
    const browser = await launchBrowser()
    const boardUrl = `${server.url}/board/demo`
    const office = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage()
    await signInThroughLoginPage(office, boardUrl, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    await office.getByTestId('meeting-start').click()
    await office.getByTestId('meeting-start-dialog').waitFor()
    await office.screenshot({ path: await artifactPath('x-start-dialog.png') })
    await office.getByTestId('meeting-title').fill('8月重点项目调度会')
    await office.getByTestId('meeting-attendee-工信局').check()
    await office.getByTestId('meeting-attendee-商务局').check()
    await office.getByTestId('meeting-start-submit').click()
    await office.getByTestId('meeting-report-工信局').click()
    const gx = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })).newPage()
    await signInThroughLoginPage(gx, boardUrl, 'gongxinju', TEST_ADMIN_PASSWORD)
    await gx.getByTestId('meeting-bar').waitFor({ timeout: UI_TIMEOUT_MS })
    await gx.screenshot({ path: await artifactPath('x-gx-1366.png') })
    console.log(await visibleCardsPerColumn(gx))
    console.log(await overflowingText(gx, '.board-page'))
    console.log(await contrastOf(gx.getByTestId('undo'), 'undo'))
    console.log(await contrastOf(office.getByTestId('meeting-end'), 'end'))
    console.log(await lineCount(gx.locator('.column-stats').first()))
    await office.goto(`${server.url}/admin`)
    await office.screenshot({ path: await artifactPath('x-admin.png') })
  })
})
