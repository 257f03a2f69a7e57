import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { listPhotos } from '@guatu/shared/board/photoQueries'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { Role } from '@guatu/shared/domain/role'
import { createUser } from '../helpers/accounts.ts'
import { artifactPath, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { albumPng, cameraJpeg } from '../helpers/photoFiles.ts'
import { createBoard } from '../helpers/rest.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 15_000
const ACCOUNTS = {
  field: { username: 'gxj_photo', password: 'gongxin-photo-2025', role: Role.editor, units: ['工信局'], displayName: '工信局联络员小周' },
  office: { username: 'xmb_photo', password: 'xiangmuban-photo-2025', role: Role.admin, units: [], displayName: '项目办小王' },
  leader: { username: 'ld_photo', password: 'lingdao-photo-2025', role: Role.viewer, units: [], displayName: '李副市长' },
} as const

async function desktopPage(browser: Browser, server: TestServer, boardId: string, account: (typeof ACCOUNTS)[keyof typeof ACCOUNTS]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })
  const page = await context.newPage()
  await signInThroughLoginPage(page, `${server.url}/board/${encodeURIComponent(boardId)}`, account.username, account.password)
  return page
}

/** Thumbnails load lazily, once the photo list is scrolled into view (the panel's map sits above it). */
const thumbnailsLoaded = async (page: Page) => {
  await page.locator('[data-testid="panel-photos"]').scrollIntoViewIfNeeded()
  return page
    .locator('[data-testid="panel-photos"] [data-testid="photo-item"] img')
    .evaluateAll((images) => images.length > 0 && images.every((image) => (image as HTMLImageElement).naturalWidth > 0))
}

describe('形象进度照片 in the desktop project panel', () => {
  test('the office sees a photo sent from the phone with its thumbnail and can add one; a leader sees them all but has no upload control', async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first`)
    const server = await startServer()
    for (const account of Object.values(ACCOUNTS)) await createUser(server, { ...account, units: [...account.units] })
    const board = await createBoard(server, '照片面板测试')
    const observer = connectClient(server, board.id)
    await observer.waitSynced()
    const project = createProject(observer.doc, { name: '工信局新能源电池项目', stage: 'planning', unit: '工信局' })
    await waitForDoc(observer.doc, (doc) => listProjects(doc).length === 1, { message: 'the seeded project' })
    const browser = await launchBrowser()

    // The 联络员 sends a site photo from the phone view.
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'zh-CN' })
    const phone = await phoneContext.newPage()
    await signInThroughLoginPage(phone, `${server.url}/board/${encodeURIComponent(board.id)}`, ACCOUNTS.field.username, ACCOUNTS.field.password)
    await phone.getByTestId('phone-project-row').first().tap({ timeout: UI_TIMEOUT_MS })
    await phone.getByTestId('photo-input').setInputFiles([{ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(await cameraJpeg()) }])
    await waitForDoc(observer.doc, (doc) => listPhotos(doc, project).length === 1, { message: 'the phone photo to be recorded' })

    // The office opens the card on a laptop: the photo with its thumbnail, and an upload control.
    const office = await desktopPage(browser, server, board.id, ACCOUNTS.office)
    const errors: string[] = []
    office.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
    await office.getByTestId(`card-${project}`).click({ timeout: UI_TIMEOUT_MS })
    const officePanel = office.getByTestId('project-panel')
    await officePanel.getByTestId('panel-photos').waitFor({ timeout: UI_TIMEOUT_MS })
    await expect.poll(() => officePanel.getByTestId('photo-item').count(), { timeout: UI_TIMEOUT_MS }).toBe(1)
    await expect.poll(() => thumbnailsLoaded(office), { timeout: UI_TIMEOUT_MS }).toBe(true)
    expect(await officePanel.getByTestId('photo-item').textContent()).toContain('工信局联络员小周')
    expect(await officePanel.getByTestId('photo-input').count()).toBe(1)
    expect(await officePanel.getByText('选择照片上传').count()).toBe(1)

    // The office adds one from the laptop; it joins the timeline, newest first by capture time.
    await officePanel.getByTestId('photo-input').setInputFiles([{ name: '会议现场.png', mimeType: 'image/png', buffer: Buffer.from(await albumPng()) }])
    await waitForDoc(observer.doc, (doc) => listPhotos(doc, project).length === 2, { message: 'the office photo to be recorded' })
    await expect.poll(() => officePanel.getByTestId('photo-item').count(), { timeout: UI_TIMEOUT_MS }).toBe(2)
    await officePanel.getByTestId('panel-photos').scrollIntoViewIfNeeded()
    await office.screenshot({ path: await artifactPath('panel-photos-office.png') })
    expect(errors).toEqual([])

    // A leader reads the same photos, with no way to add one.
    const leader = await desktopPage(browser, server, board.id, ACCOUNTS.leader)
    // A card the leader may not move is aria-disabled for dragging; a real click still opens it.
    await leader.getByTestId(`card-${project}`).click({ timeout: UI_TIMEOUT_MS, force: true })
    const leaderPanel = leader.getByTestId('project-panel')
    await expect.poll(() => leaderPanel.getByTestId('photo-item').count(), { timeout: UI_TIMEOUT_MS }).toBe(2)
    await expect.poll(() => thumbnailsLoaded(leader), { timeout: UI_TIMEOUT_MS }).toBe(true)
    expect(await leaderPanel.getByTestId('photo-input').count()).toBe(0)
    expect(await leaderPanel.getByText('选择照片上传').count()).toBe(0)
  })
})
