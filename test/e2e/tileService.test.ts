/// <reference lib="dom" />
// The checks run inside the page (page.evaluate) and read the DOM.
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { readBoardSettings, writeBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import { WallMap } from '@guatu/shared/progress/boardSettings'
import { createScreenLink } from '../helpers/accounts.ts'
import { artifactPath, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient } from '../helpers/client.ts'
import { FONT_SETUPS } from '../helpers/fontSetups.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { startServer, TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/server.ts'
import { startTileUpstream, TILE_COLOURS } from '../helpers/tileUpstream.ts'
import { waitFor } from '../helpers/wait.ts'

const UI_TIMEOUT_MS = 20_000
const DEMO_BOARD = 'demo'
const KEY = 'tk-browser-secret-77'
/** A server process, two Chromium pages and a tile server on a shared 2-core machine. */
const BROWSER_TEST_TIMEOUT_MS = 150_000

/**
 * The share of an element's pixels in the tile server's colours (within a small tolerance for
 * scaling): how a test sees tiles under a canvas it cannot look into.
 */
async function tileColourShare(element: Locator): Promise<number> {
  const { data, info } = await sharp(await element.screenshot())
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  let matching = 0
  for (let at = 0; at < data.length; at += 3) {
    const [r, g, b] = [data[at]!, data[at + 1]!, data[at + 2]!]
    if (TILE_COLOURS.some((colour) => Math.abs(colour.r - r) + Math.abs(colour.g - g) + Math.abs(colour.b - b) < 24)) matching += 1
  }
  return matching / (info.width * info.height)
}

async function tileImages(page: Page, scope: string): Promise<number> {
  return page.locator(`${scope} [data-testid="map-tiles"] img`).count()
}

describe('底图服务 in the browser', () => {
  for (const fonts of FONT_SETUPS) {
    test(
      `(${fonts}) the office sets the tile service; the board’s map and the wall draw tiles through Guatu; switching off removes them live`,
      async () => {
        if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first`)
        const server = await startServer({ demo: true })
        const upstream = await startTileUpstream()
        const admin = connectClient(server, DEMO_BOARD, { acks: true })
        await admin.waitSynced()
        writeBoardSettings(admin.doc, { ...readBoardSettings(admin.doc, 2022), wallMap: WallMap.replaceIndustry })
        await admin.waitSaved()
        const link = await createScreenLink(server, DEMO_BOARD)

        const browser = await launchBrowser(fonts)
        const problems: string[] = []
        const tileRequests: string[] = []
        const watch = (page: Page) => {
          page.on('pageerror', (error) => problems.push(`${error.name}: ${error.message}`))
          page.on('console', (message) => {
            if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(message.text())
          })
          page.on('request', (request) => {
            if (/\/tiles\/|\/png\//.test(request.url())) tileRequests.push(request.url())
          })
        }

        // The office, on its settings page: a bad address first, refused in Chinese and kept in the field.
        const officeContext = await browser.newContext({
          viewport: { width: 1920, height: 1080 },
          deviceScaleFactor: 1,
          locale: 'zh-CN',
          timezoneId: 'Asia/Shanghai',
        })
        const office = await officeContext.newPage()
        watch(office)
        await signInThroughLoginPage(office, `${server.url}/board/${DEMO_BOARD}/settings`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
        const settings = office.getByTestId('tile-service-settings')
        await settings.waitFor({ timeout: UI_TIMEOUT_MS })
        // The fields open once the stored setting is in (typing earlier would be overwritten).
        await expect.poll(() => office.getByTestId('tile-service-state').textContent(), { timeout: UI_TIMEOUT_MS }).toBe('未使用底图')
        const badAddress = `${upstream.origin}/tiles.png`
        await office.getByTestId('tile-service-url').fill(badAddress)
        await office.getByTestId('tile-service-save').click()
        await office.getByTestId('tile-service-error').waitFor({ timeout: UI_TIMEOUT_MS })
        expect(await office.getByTestId('tile-service-error').textContent()).toMatch(/须含 \{z\}/)
        expect(await office.getByTestId('tile-service-url').inputValue()).toBe(badAddress)

        await office.getByTestId('tile-service-url').fill(`${upstream.origin}/png/{z}/{x}/{y}.png?tk=${KEY}`)
        await office.getByTestId('tile-service-attribution').fill('测试底图 审图号：GS(2099)0001号')
        await office.getByTestId('tile-service-save').click()
        await waitFor(async () => (await office.getByTestId('tile-service-state').textContent()) === '底图已启用', {
          timeoutMs: UI_TIMEOUT_MS,
          message: 'the office’s tile service to be saved',
        })
        await settings.scrollIntoViewIfNeeded()
        await office.screenshot({ path: await artifactPath(`map-tiles-settings-${fonts}-1920x1080.png`) })

        // The board's map draws tiles under the outlines and points.
        await office.goto(`${server.url}/board/${DEMO_BOARD}/map`)
        await office.getByTestId('map-page').waitFor({ timeout: UI_TIMEOUT_MS })
        await waitFor(async () => (await tileImages(office, '.map-page')) > 0, { timeoutMs: UI_TIMEOUT_MS, message: 'the board’s map to draw tiles' })
        await waitFor(async () => (await tileColourShare(office.locator('.map-page .project-map-frame'))) > 0.2, {
          timeoutMs: UI_TIMEOUT_MS,
          message: 'the tiles’ colours to show under the board’s map',
        })
        expect(await office.getByTestId('map-attribution').textContent()).toContain('审图号')
        // Zooming in with the wheel brings the next levels' tiles, placed under the map again.
        const levelShown = async () =>
          Math.max(
            ...(await office
              .locator('.map-page [data-testid="map-tiles"] img')
              .evaluateAll((images) => images.map((image) => Number(image.getAttribute('data-tile')?.split('/')[0])))),
          )
        const before = await levelShown()
        const chartBox = await office.locator('.map-page [data-testid="map-chart"]').boundingBox()
        if (!chartBox) throw new Error('the board’s map has no box')
        await office.mouse.move(chartBox.x + chartBox.width / 2, chartBox.y + chartBox.height / 2)
        for (let turn = 0; turn < 12; turn++) await office.mouse.wheel(0, -120)
        await waitFor(async () => (await levelShown()) >= before + 1, { timeoutMs: UI_TIMEOUT_MS, message: 'zooming in to draw a deeper level of tiles' })
        await waitFor(async () => (await tileColourShare(office.locator('.map-page .project-map-frame'))) > 0.2, {
          timeoutMs: UI_TIMEOUT_MS,
          message: 'the zoomed tiles’ colours to show under the board’s map',
        })
        await office.screenshot({ path: await artifactPath(`map-tiles-board-${fonts}-1920x1080.png`) })

        // The wall screen (a screen link) draws them too.
        const wallContext = await browser.newContext({
          viewport: { width: 1920, height: 1080 },
          deviceScaleFactor: 1,
          locale: 'zh-CN',
          timezoneId: 'Asia/Shanghai',
        })
        const wall = await wallContext.newPage()
        watch(wall)
        await wall.goto(`${server.url}${link.url}`)
        await wall.getByTestId('wall-map').waitFor({ timeout: UI_TIMEOUT_MS })
        await waitFor(async () => (await tileImages(wall, '.sw-map')) > 0, { timeoutMs: UI_TIMEOUT_MS, message: 'the wall’s map to draw tiles' })
        await waitFor(async () => (await tileColourShare(wall.locator('.sw-map .project-map-frame'))) > 0.2, {
          timeoutMs: UI_TIMEOUT_MS,
          message: 'the tiles’ colours to show on the wall',
        })
        await wall.screenshot({ path: await artifactPath(`map-tiles-wall-${fonts}-1920x1080.png`) })
        await wall.evaluate(() => {
          ;(window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true
        })

        // Every tile came through Guatu: no browser asked the tile server, or saw its key.
        expect(tileRequests.length).toBeGreaterThan(0)
        for (const url of tileRequests) {
          expect(url.startsWith(`${server.url}/api/boards/${DEMO_BOARD}/tiles/`), url).toBe(true)
          expect(url).not.toContain(KEY)
        }
        expect(upstream.hitsUnder('/png/')).toBeGreaterThan(0)

        // The office switches tiles off: the open wall drops them with no reload; the board's map works on.
        await office.goto(`${server.url}/board/${DEMO_BOARD}/settings`)
        await office.getByTestId('tile-service-off').click()
        await waitFor(async () => (await office.getByTestId('tile-service-state').textContent()) === '未使用底图', {
          timeoutMs: UI_TIMEOUT_MS,
          message: 'the office’s switch-off to be saved',
        })
        await waitFor(async () => (await wall.locator('.sw-map [data-testid="map-tiles"]').count()) === 0, {
          timeoutMs: UI_TIMEOUT_MS,
          message: 'the open wall to stop drawing tiles',
        })
        expect(await tileColourShare(wall.locator('.sw-map .project-map-frame'))).toBeLessThan(0.01)
        expect(await wall.locator('.sw-map [data-testid="map-attribution"]').count()).toBe(0)
        expect(Number(await wall.locator('.sw-map [data-testid="map-chart"]').getAttribute('data-drawn-points'))).toBeGreaterThan(0)
        expect(await wall.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true)
        await wall.screenshot({ path: await artifactPath(`map-tiles-wall-off-${fonts}-1920x1080.png`) })
        expect(problems).toEqual([])
      },
      BROWSER_TEST_TIMEOUT_MS,
    )
  }
})
