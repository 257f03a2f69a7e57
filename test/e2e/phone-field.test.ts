import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { listPhotos } from '@guatu/shared/board/photoQueries'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import type { WanAmount } from '@guatu/shared/domain/money'
import { Role } from '@guatu/shared/domain/role'
import { createUser } from '../helpers/accounts.ts'
import { artifactPath, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { SITE_GPS, albumPng, cameraJpeg } from '../helpers/photoFiles.ts'
import { createBoard } from '../helpers/rest.ts'
import { startServer } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 15_000
const USERNAME = 'gxj_field'
const PASSWORD = 'gongxin-field-2025'
const PHONE_GPS = { latitude: 34.2, longitude: 108.9 }

/** No element sticks out sideways: the page never scrolls horizontally. */
async function expectNoHorizontalOverflow(page: Page, what: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }))
  expect(scrollWidth, `${what}: page ${scrollWidth}px wide in a ${clientWidth}px screen`).toBeLessThanOrEqual(clientWidth)
}

describe('the phone view of a department 联络员 (390×844, touch)', () => {
  test('finds its project, updates 形象进度 and stage from the menu, uploads photos (EXIF and offline), refused non-images in Chinese, and a desktop sees it live', async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first`)
    const server = await startServer()
    await createUser(server, { username: USERNAME, password: PASSWORD, role: Role.editor, units: ['工信局'], displayName: '工信局联络员小周' })
    const board = await createBoard(server, '现场填报测试')
    const desktop = connectClient(server, board.id)
    await desktop.waitSynced()
    const own = createProject(desktop.doc, { name: '工信局新能源电池项目', stage: 'planning', unit: '工信局', totalInvestment: '45000' as WanAmount })
    createProject(desktop.doc, { name: '工信局智能装备园', stage: 'started', unit: '工信局' })
    createProject(desktop.doc, { name: '商务局物流中心', stage: 'planning', unit: '商务局' })
    await waitForDoc(desktop.doc, (doc) => listProjects(doc).length === 3, { message: 'the seeded projects' })

    const browser = await launchBrowser()
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 2,
      locale: 'zh-CN',
      permissions: ['geolocation'],
      geolocation: PHONE_GPS,
    })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
    const boardUrl = `${server.url}/board/${encodeURIComponent(board.id)}`
    await signInThroughLoginPage(page, boardUrl, USERNAME, PASSWORD)

    // Lands on 我的项目: its two projects, not the other department's.
    await page.getByTestId('phone-view').waitFor({ timeout: UI_TIMEOUT_MS })
    await expect.poll(() => page.getByTestId('phone-project-row').count(), { timeout: UI_TIMEOUT_MS }).toBe(2)
    await page.getByLabel('搜索项目').fill('电池')
    await expect.poll(() => page.getByTestId('phone-project-row').count()).toBe(1)
    await page.getByTestId('phone-project-row').first().tap()
    await page.getByTestId('phone-project').waitFor({ timeout: UI_TIMEOUT_MS })

    // 形象进度, saved with the button; the desktop sees it.
    await page.getByRole('textbox', { name: '形象进度', exact: true }).fill('主体厂房钢结构吊装完成80%')
    await page.getByRole('button', { name: '保存' }).tap()
    await waitForDoc(desktop.doc, (doc) => readProject(doc, own)?.progressNote === '主体厂房钢结构吊装完成80%', { message: 'the desktop to see 形象进度' })

    // Stage from the menu, with its entry date.
    await page.getByLabel('签约日期').fill('2025-03-15')
    await page.getByRole('button', { name: '进入「签约」' }).tap()
    await waitForDoc(desktop.doc, (doc) => readProject(doc, own)?.stage === 'signed' && readProject(doc, own)?.actualSignDate === '2025-03-15', {
      message: 'the desktop to see the project signed on the chosen day',
    })

    // Two photos at once: a camera shot with EXIF time and GPS, and an album picture (phone time and position).
    await page.getByTestId('photo-input').setInputFiles([
      { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(await cameraJpeg()) },
      { name: '相册.png', mimeType: 'image/png', buffer: Buffer.from(await albumPng()) },
    ])
    await expect.poll(() => page.getByTestId('photo-item').count(), { timeout: UI_TIMEOUT_MS }).toBe(2)
    await waitForDoc(desktop.doc, (doc) => listPhotos(doc, own).length === 2, { message: 'the desktop to see both photo records' })
    const exif = listPhotos(desktop.doc, own).find((photo) => photo.takenAtSource === 'exif')
    expect(exif).toMatchObject({ lat: SITE_GPS.lat, lng: SITE_GPS.lng, locationSource: 'exif', takenAt: '2026-05-03T06:20:11.000Z' })
    expect(listPhotos(desktop.doc, own).find((photo) => photo.takenAtSource === 'device')).toMatchObject({
      lat: PHONE_GPS.latitude,
      lng: PHONE_GPS.longitude,
      locationSource: 'browser',
    })
    await expect
      .poll(
        () => page.locator('[data-testid="photo-item"] img').evaluateAll((images) => images.every((image) => (image as HTMLImageElement).naturalWidth > 0)),
        { timeout: UI_TIMEOUT_MS },
      )
      .toBe(true)
    expect(await page.getByTestId('photo-location').first().textContent()).toMatch(/34\.2/)
    const thumb = await fetch(`${server.url}/api/boards/${board.id}/photos/${exif!.id}/thumb`, { headers: { authorization: `Bearer ${server.adminToken}` } })
    expect(thumb.status, 'the desktop loads the thumbnail').toBe(200)

    // A text file renamed .jpg: refused, said in Chinese, nothing added.
    await page.getByTestId('photo-input').setInputFiles([{ name: '现场.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('这不是照片') }])
    await page.getByTestId('toast').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await page.getByTestId('toast').textContent()).toMatch(/不是照片/)
    expect(listPhotos(desktop.doc, own)).toHaveLength(2)

    await page.screenshot({ path: await artifactPath('phone-390-project.png'), fullPage: true })
    await expectNoHorizontalOverflow(page, '390 px project')

    // Offline: the photo waits in IndexedDB, counted as unsynced; survives a reload; uploads on reconnect.
    await context.setOffline(true)
    await page
      .getByTestId('photo-input')
      .setInputFiles([{ name: 'offline.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(await cameraJpeg({ takenAt: '2026:05:05 09:00:00' })) }])
    await page.getByTestId('photos-waiting').waitFor({ timeout: UI_TIMEOUT_MS })
    await expect.poll(() => page.getByTestId('saved-status').getAttribute('data-unsaved')).not.toBe('0')
    // The network comes back for the page but not for uploads, and the page is reloaded.
    await page.route('**/photos', (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()))
    await context.setOffline(false)
    await page.reload()
    await page.getByTestId('phone-project-row').first().waitFor({ timeout: UI_TIMEOUT_MS })
    await page.getByTestId('phone-project-row').filter({ hasText: '电池' }).tap()
    await page.getByTestId('photos-waiting').waitFor({ timeout: UI_TIMEOUT_MS })
    expect(listPhotos(desktop.doc, own)).toHaveLength(2)
    await page.unroute('**/photos')
    await context.setOffline(true)
    await context.setOffline(false)
    await waitForDoc(desktop.doc, (doc) => listPhotos(doc, own).length === 3, { message: 'the offline photo to arrive after reconnecting' })
    await page.getByTestId('photos-waiting').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS })

    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-state'), { timeout: UI_TIMEOUT_MS }).toBe('connected')
    for (const width of [360, 430]) {
      await page.setViewportSize({ width, height: 844 })
      await page.screenshot({ path: await artifactPath(`phone-${width}-project.png`), fullPage: true })
      await expectNoHorizontalOverflow(page, `${width} px project`)
      await page.getByRole('button', { name: '‹ 我的项目' }).tap()
      await page.getByTestId('phone-project-row').first().waitFor()
      await page.screenshot({ path: await artifactPath(`phone-${width}-list.png`), fullPage: true })
      await expectNoHorizontalOverflow(page, `${width} px list`)
      await page.getByTestId('phone-project-row').filter({ hasText: '电池' }).tap()
    }
    expect(errors).toEqual([])
  })
})
