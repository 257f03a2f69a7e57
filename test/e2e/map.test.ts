/// <reference lib="dom" />
// The checks run inside the page (page.evaluate) and read the DOM.
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { readBoardSettings, writeBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import { boardTotals, setReportingUnit, startMeeting } from '@guatu/shared/board/meetingCommands'
import { EMPTY_FILTER, filterToSearchParams, InvestmentCut, matchesFilter } from '@guatu/shared/board/projectFilter'
import { moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { clearProjectCoordinates, placeProject } from '@guatu/shared/board/coordinateCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import { CoordinateSource } from '@guatu/shared/domain/coordinates'
import type { IsoDate } from '@guatu/shared/domain/dates'
import { AreaSource } from '@guatu/shared/domain/projectArea'
import type { Principal } from '@guatu/shared/domain/principal'
import type { Project } from '@guatu/shared/domain/project'
import type { Role } from '@guatu/shared/domain/role'
import { boardToday } from '@guatu/shared/progress/boardToday'
import { WallMap, type BoardSettings } from '@guatu/shared/progress/boardSettings'
import { projectLights, worstLight, type Light } from '@guatu/shared/progress/lights'
import { createScreenLink } from '../helpers/accounts.ts'
import { artifactPath, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient, waitForDoc, type TestClient } from '../helpers/client.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { cameraJpeg, SITE_GPS, uploadPhotos } from '../helpers/photoFiles.ts'
import { expectStatus, requestJson } from '../helpers/rest.ts'
import { startServer, TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/wait.ts'
import { layoutProblems } from '../helpers/wallLayout.ts'

const UI_TIMEOUT_MS = 15_000
/** The promise: a move on another client shows on the map within a second. */
const LIVE_UPDATE_MS = 1_000
const DEMO_BOARD = 'demo'
const PLACED_COUNT = 60
const REPORTING_UNIT = '工信局'
/**
 * A demo server and one or two Chromium pages (the wall's SVG at 3840×2160) take most of a minute
 * on a shared, busy 2-core machine; the heavier tests get twice the default rather than being cut
 * short mid-check. The live-update promise keeps its own one-second budget (LIVE_UPDATE_MS).
 */
const BROWSER_TEST_TIMEOUT_MS = 120_000

/**
 * The demo board comes placed (every project in its made-up 乡镇, server/src/demo). These tests
 * set their own scene through the real endpoints and board document, as the office would: the
 * demo outlines removed, every project taken off the map, then the first 60 placed in a made-up
 * county (about 0.6° by 0.5°), as the map view or an import would.
 */
async function placeDemoProjects(server: TestServer, admin: TestClient): Promise<Project[]> {
  const cleared = await requestJson(server, `/api/boards/${DEMO_BOARD}/boundaries`, {
    method: 'PUT',
    token: server.adminToken,
    body: { county: null, townships: null },
  })
  expectStatus(cleared, 200, 'removing the demo outlines')
  const all = listProjects(admin.doc)
  const chosen = all.slice(0, PLACED_COUNT)
  admin.doc.transact(() => {
    for (const project of all.slice(PLACED_COUNT)) clearProjectCoordinates(admin.doc, project.id)
    chosen.forEach((project, index) => {
      placeProject(admin.doc, project.id, { lng: 108.7 + ((index * 37) % 61) / 100, lat: 34.0 + ((index * 53) % 47) / 100, source: CoordinateSource.import })
    })
  })
  await admin.waitSaved()
  return chosen.map((project) => readProject(admin.doc, project.id) as Project)
}

/** Each placed project's colour as the board computes it (shared/progress/lights, the board's 统计截止). */
function expectedLights(projects: readonly Project[], settings: BoardSettings): Record<string, Light> {
  const asOf = boardToday(settings, new Date())
  return Object.fromEntries(projects.map((project) => [project.id, worstLight(projectLights(project, settings, asOf))]))
}

/** What the map lists: every project on it with its light, stage and whether it is dimmed. */
function shownPoints(page: Page, scope: string): Promise<{ id: string; light: string; stage: string; dimmed: boolean }[]> {
  return page.locator(`${scope} [data-testid="map-point"]`).evaluateAll((items) =>
    items.map((item) => ({
      id: item.getAttribute('data-project-id') ?? '',
      light: item.getAttribute('data-light') ?? '',
      stage: item.getAttribute('data-stage') ?? '',
      dimmed: item.getAttribute('data-dimmed') === 'true',
    })),
  )
}

async function adminPrincipal(server: TestServer): Promise<Principal> {
  type Me = { user: { id: string; username: string; displayName: string; role: Role; units: string[] } }
  const { user } = expectStatus(await requestJson<Me>(server, '/api/me'), 200, 'GET /api/me')
  return { kind: 'user', userId: user.id, username: user.username, displayName: user.displayName, role: user.role, units: user.units }
}

async function officePage(browser: Browser, server: TestServer, size: { width: number; height: number }, search = ''): Promise<Page> {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  await signInThroughLoginPage(page, `${server.url}/board/${DEMO_BOARD}/map${search}`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
  await page.getByTestId('map-page').waitFor({ timeout: UI_TIMEOUT_MS })
  return page
}

/** The chart drew every point it was given (markers and bubble members). */
async function drawnPoints(page: Page, scope: string): Promise<number> {
  return Number((await page.locator(`${scope} [data-testid="map-chart"]`).getAttribute('data-drawn-points')) ?? '0')
}

function requireBuiltClient(): void {
  if (!existsSync(path.join(CLIENT_DIST, 'index.html')))
    throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first (pnpm --filter @guatu/client build)`)
}

describe('the map (地图)', () => {
  test(
    'at 1920×1080 the demo board shows every placed project in its light; a move elsewhere changes its shape within a second; Enter opens the project',
    async () => {
      requireBuiltClient()
      const server = await startServer({ demo: true })
      const admin = connectClient(server, DEMO_BOARD, { acks: true })
      await admin.waitSynced()
      const placed = await placeDemoProjects(server, admin)
      const settings = readBoardSettings(admin.doc, 2022)
      const lights = expectedLights(placed, settings)
      expect(new Set(Object.values(lights)).size, 'the demo board gives the placed projects more than one colour').toBeGreaterThan(1)

      const browser = await launchBrowser()
      const errors: string[] = []
      const page = await officePage(browser, server, { width: 1920, height: 1080 })
      page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
      await waitFor(async () => (await drawnPoints(page, '.map-page')) === PLACED_COUNT, {
        timeoutMs: UI_TIMEOUT_MS,
        message: 'the chart to draw every placed project',
      })
      const shown = await shownPoints(page, '.map-page')
      expect(Object.fromEntries(shown.map((point) => [point.id, point.light]))).toEqual(lights)
      expect(await page.getByTestId('map-unplaced').locator('summary').textContent()).toBe(`未标注位置 ${listProjects(admin.doc).length - PLACED_COUNT} 个`)
      expect(await page.getByTestId('map-legend').textContent()).toContain('红灯黄灯蓝灯无预警谋划签约开工投产')
      await page.screenshot({ path: await artifactPath('map-1920x1080.png') })

      // Another client moves a placed 谋划 project to 开工: its marker changes shape (◯ → △).
      const moving = placed.find((project) => project.stage === 'planning')
      if (!moving) throw new Error('no placed project in 谋划')
      const point = page.locator(`.map-page [data-testid="map-point"][data-project-id="${moving.id}"]`)
      expect(await point.getAttribute('data-stage')).toBe('planning')
      moveProject(admin.doc, moving.id, { stage: 'started' })
      await waitFor(async () => (await point.getAttribute('data-stage')) === 'started', {
        timeoutMs: LIVE_UPDATE_MS,
        message: `${moving.name} to show as 开工 on the map within ${LIVE_UPDATE_MS} ms`,
      })

      // Another client draws its 项目范围: the map draws the parcel under the points.
      const chart = page.locator('.map-page [data-testid="map-chart"]')
      expect(await chart.getAttribute('data-drawn-areas')).toBe('0')
      const at = readProject(admin.doc, moving.id)?.coordinates
      if (!at) throw new Error(`${moving.name} has no place`)
      const ring: [number, number][] = [
        [at.lng - 0.01, at.lat - 0.01],
        [at.lng + 0.01, at.lat - 0.01],
        [at.lng, at.lat + 0.01],
      ]
      updateProject(admin.doc, moving.id, { area: { ring, source: AreaSource.manual } })
      await waitFor(async () => (await chart.getAttribute('data-drawn-areas')) === '1', {
        timeoutMs: UI_TIMEOUT_MS,
        message: `${moving.name}’s 项目范围 to be drawn on the map`,
      })

      // Enter on its line opens the project panel, as a click on the marker does.
      await point.getByRole('button').focus()
      await page.keyboard.press('Enter')
      await expect.poll(() => page.getByTestId('project-panel').getByRole('heading', { level: 2 }).textContent(), { timeout: UI_TIMEOUT_MS }).toBe(moving.name)
      await page.getByRole('button', { name: '关闭项目详情' }).click()

      expect(errors).toEqual([])
    },
    BROWSER_TEST_TIMEOUT_MS,
  )

  test(
    'the board’s filter changes the points: 工信局 from the address, then 亿元以上 chosen in the filter bar',
    async () => {
      requireBuiltClient()
      const server = await startServer({ demo: true })
      const admin = connectClient(server, DEMO_BOARD, { acks: true })
      await admin.waitSynced()
      const placed = await placeDemoProjects(server, admin)
      const browser = await launchBrowser()
      const filtered = await officePage(
        browser,
        server,
        { width: 1920, height: 1080 },
        `?${filterToSearchParams({ ...EMPTY_FILTER, units: [REPORTING_UNIT] }).toString()}`,
      )
      const ownIds = placed.filter((project) => project.unit === REPORTING_UNIT).map((project) => project.id)
      expect(ownIds.length).toBeGreaterThan(0)
      await waitFor(async () => (await drawnPoints(filtered, '.map-page')) === ownIds.length, {
        timeoutMs: UI_TIMEOUT_MS,
        message: `the filtered map to draw ${ownIds.length} points`,
      })
      expect((await shownPoints(filtered, '.map-page')).map((shownPoint) => shownPoint.id).sort()).toEqual([...ownIds].sort())
      await filtered.screenshot({ path: await artifactPath('map-filtered-1920x1080.png') })

      // Narrowed further in the filter bar (亿元以上), as on the board: the points follow.
      const cut = { ...EMPTY_FILTER, units: [REPORTING_UNIT], investmentCut: InvestmentCut.atLeastYi }
      const bigIds = placed.filter((project) => matchesFilter(project, cut, { openProblemCount: () => 0 })).map((project) => project.id)
      expect(bigIds.length).toBeLessThan(ownIds.length)
      await filtered.getByTestId('filter-cut').selectOption(InvestmentCut.atLeastYi)
      await waitFor(async () => (await drawnPoints(filtered, '.map-page')) === bigIds.length, {
        timeoutMs: UI_TIMEOUT_MS,
        message: `the map to draw the ${bigIds.length} projects of 1亿 and more`,
      })
      expect((await shownPoints(filtered, '.map-page')).map((shownPoint) => shownPoint.id).sort()).toEqual([...bigIds].sort())
    },
    BROWSER_TEST_TIMEOUT_MS,
  )

  test('the office places an unplaced project by clicking the small map in its panel, then from its photo’s GPS', async () => {
    requireBuiltClient()
    const server = await startServer({ demo: true })
    const admin = connectClient(server, DEMO_BOARD, { acks: true })
    await admin.waitSynced()
    await placeDemoProjects(server, admin)
    const unplaced = listProjects(admin.doc).find((project) => project.coordinates === undefined)
    if (!unplaced) throw new Error('every demo project is placed')
    const browser = await launchBrowser()
    const page = await officePage(browser, server, { width: 1366, height: 900 })
    await page.getByTestId('map-unplaced').locator('summary').click()
    await page
      .getByTestId('map-unplaced')
      .getByRole('button', { name: `${unplaced.name}（${unplaced.unit}）` })
      .click()
    const picker = page.getByTestId('project-panel').getByTestId('place-picker')
    await picker.scrollIntoViewIfNeeded({ timeout: UI_TIMEOUT_MS })
    await picker.click()
    await waitForDoc(admin.doc, (doc) => readProject(doc, unplaced.id)?.coordinates !== undefined, {
      message: 'the click on the small map to place the project',
    })
    const point = readProject(admin.doc, unplaced.id)?.coordinates
    expect(point?.source).toBe('manual')
    expect(point && point.lng > 108.5 && point.lng < 109.5 && point.lat > 33.8 && point.lat < 34.7, `${JSON.stringify(point)} lies in the county`).toBe(true)
    await expect.poll(() => page.getByTestId('panel-location-now').textContent(), { timeout: UI_TIMEOUT_MS }).toMatch(/^E\d+\.\d{4} N\d+\.\d{4}（地图标注）$/)

    // A site photo with GPS arrives; one click takes its place instead.
    const upload = await uploadPhotos(server, DEMO_BOARD, unplaced.id, [{ name: 'IMG_0002.jpg', bytes: await cameraJpeg() }], { token: server.adminToken })
    expect(upload.status).toBe(201)
    await page.getByTestId('location-from-photo').click({ timeout: UI_TIMEOUT_MS })
    await waitForDoc(admin.doc, (doc) => readProject(doc, unplaced.id)?.coordinates?.source === 'photo', { message: 'the photo position to be taken' })
    const fromPhoto = readProject(admin.doc, unplaced.id)?.coordinates
    expect(fromPhoto?.lng).toBeCloseTo(SITE_GPS.lng, 4)
    expect(fromPhoto?.lat).toBeCloseTo(SITE_GPS.lat, 4)
    await expect.poll(() => page.getByTestId('panel-location-now').textContent(), { timeout: UI_TIMEOUT_MS }).toMatch(/（照片定位）$/)
  })

  test('on a 390 px phone the map fills the width above its lists and nothing runs off sideways', async () => {
    requireBuiltClient()
    const server = await startServer({ demo: true })
    const admin = connectClient(server, DEMO_BOARD, { acks: true })
    await admin.waitSynced()
    await placeDemoProjects(server, admin)
    const browser = await launchBrowser()
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'zh-CN' })
    const phone = await phoneContext.newPage()
    await signInThroughLoginPage(phone, `${server.url}/board/${DEMO_BOARD}/map`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    await waitFor(async () => (await drawnPoints(phone, '.map-page')) === PLACED_COUNT, {
      timeoutMs: UI_TIMEOUT_MS,
      message: 'the phone map to draw every placed project',
    })
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, 'nothing runs off a 390 px phone sideways').toBeLessThanOrEqual(0)
    const chart = await phone.getByTestId('map-chart').boundingBox()
    expect(chart && chart.width >= 340 && chart.height >= 300, `the map fills the phone's width (${JSON.stringify(chart)})`).toBe(true)
    await phone.screenshot({ path: await artifactPath('map-phone-390.png') })
  })

  test('with the office’s 乡镇 outlines the map draws them and, shaded by count, lists each 乡镇’s projects', async () => {
    requireBuiltClient()
    const server = await startServer({ demo: true })
    const admin = connectClient(server, DEMO_BOARD, { acks: true })
    await admin.waitSynced()
    const placed = await placeDemoProjects(server, admin)
    const browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    const page = await context.newPage()
    // The office uploads two 乡镇 of its own through the real endpoint (the demo's outlines replaced).
    const square = (west: number, east: number) => [
      [
        [west, 33.95],
        [east, 33.95],
        [east, 34.5],
        [west, 34.5],
        [west, 33.95],
      ],
    ]
    const townships = [
      { name: '城关镇', west: 108.65, east: 108.995 },
      { name: '新丰镇', west: 108.995, east: 109.35 },
    ]
    const uploaded = await requestJson(server, `/api/boards/${DEMO_BOARD}/boundaries`, {
      method: 'PUT',
      token: server.adminToken,
      body: {
        county: {
          type: 'FeatureCollection',
          features: [{ type: 'Feature', properties: { name: '示例区' }, geometry: { type: 'Polygon', coordinates: square(108.65, 109.35) } }],
        },
        townships: {
          type: 'FeatureCollection',
          features: townships.map((township) => ({
            type: 'Feature',
            properties: { name: township.name },
            geometry: { type: 'Polygon', coordinates: square(township.west, township.east) },
          })),
        },
      },
    })
    expectStatus(uploaded, 200, 'the office’s boundary upload')
    await signInThroughLoginPage(page, `${server.url}/board/${DEMO_BOARD}/map`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    await waitFor(async () => (await drawnPoints(page, '.map-page')) === PLACED_COUNT, {
      timeoutMs: UI_TIMEOUT_MS,
      message: 'the map to draw every placed project',
    })
    await page.getByTestId('map-choropleth').selectOption('count')
    const rows = await page
      .getByTestId('map-township')
      .evaluateAll((items) => items.map((item) => [item.getAttribute('data-name'), Number(item.getAttribute('data-count'))]))
    const expected = townships.map((township) => [
      township.name,
      placed.filter((project) => project.coordinates!.lng > township.west && project.coordinates!.lng < township.east).length,
    ])
    expect(rows).toEqual(expected)
    expect(rows.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(PLACED_COUNT)
    await page.screenshot({ path: await artifactPath('map-townships-1920x1080.png') })
  })

  test(
    'the wall screen at 3840×2160 shows the map tile with every placed project in its light, the latest move pulsing, and the reporting unit standing out',
    async () => {
      requireBuiltClient()
      const server = await startServer({ demo: true })
      const link = await createScreenLink(server, DEMO_BOARD)
      const admin = connectClient(server, DEMO_BOARD, { acks: true })
      await admin.waitSynced()
      const placed = await placeDemoProjects(server, admin)
      const settings = readBoardSettings(admin.doc, 2022)
      writeBoardSettings(admin.doc, { ...settings, wallMap: WallMap.replaceIndustry })
      await admin.waitSaved()
      const lights = expectedLights(placed, settings)

      const browser = await launchBrowser()
      const context = await browser.newContext({ viewport: { width: 3840, height: 2160 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
      const wall = await context.newPage()
      const errors: string[] = []
      wall.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
      await wall.goto(`${server.url}${link.url}`)
      await wall.getByTestId('wall-map').waitFor({ timeout: UI_TIMEOUT_MS })
      await waitFor(async () => (await drawnPoints(wall, '.sw-map')) === PLACED_COUNT, {
        timeoutMs: UI_TIMEOUT_MS,
        message: 'the wall map to draw every placed project',
      })
      expect(Object.fromEntries((await shownPoints(wall, '.sw-map')).map((point) => [point.id, point.light]))).toEqual(lights)

      // The canvas the wall draws holds markers in each light's colour (tokens of the wall's theme),
      // drawn at the wall's scale (the 1920×1080 design is shown ×2 here): a canvas pixel per screen pixel.
      const drawnColours = await wall.evaluate(() => {
        const root = document.querySelector('.sw-screen-root') as Element
        const style = getComputedStyle(root)
        const canvas = document.querySelector('.sw-map canvas') as HTMLCanvasElement
        const probe = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D
        const rgbOf = (token: string) => {
          probe.fillStyle = style.getPropertyValue(token).trim()
          probe.fillRect(0, 0, 1, 1)
          return [...probe.getImageData(0, 0, 1, 1).data.slice(0, 3)].join(',')
        }
        const colours = { red: rgbOf('--light-red'), yellow: rgbOf('--light-yellow') }
        const pixels = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data
        const counts = { red: 0, yellow: 0 }
        for (let at = 0; at < pixels.length; at += 4) {
          const rgb = `${pixels[at]},${pixels[at + 1]},${pixels[at + 2]}`
          if (rgb === colours.red) counts.red += 1
          else if (rgb === colours.yellow) counts.yellow += 1
        }
        return { ...counts, sharpness: canvas.width / canvas.getBoundingClientRect().width }
      })
      const reds = Object.values(lights).filter((light) => light === 'red').length
      const yellows = Object.values(lights).filter((light) => light === 'yellow').length
      expect(reds, 'the demo board has red projects to draw').toBeGreaterThan(0)
      expect(drawnColours.red, 'red markers drawn on the wall canvas').toBeGreaterThan(0)
      expect(drawnColours.yellow > 0, 'yellow markers drawn exactly when there are yellow projects').toBe(yellows > 0)
      expect(drawnColours.sharpness, 'the canvas drawn at the wall’s scale, not blown up').toBeGreaterThanOrEqual(0.95)

      // A move pulses; during a meeting the reporting unit's projects stand out and the others dim.
      const moving = placed.find((project) => project.stage === 'planning')
      if (!moving) throw new Error('no placed project in 谋划')
      moveProject(admin.doc, moving.id, { stage: 'signed' })
      await waitFor(
        async () => (await wall.locator(`.sw-map [data-testid="map-point"][data-project-id="${moving.id}"]`).getAttribute('data-stage')) === 'signed',
        {
          timeoutMs: LIVE_UPDATE_MS,
          message: `${moving.name} to show as 签约 on the wall within ${LIVE_UPDATE_MS} ms`,
        },
      )
      await wall.locator(`.sw-map [data-testid="map-pulse"][data-project-id="${moving.id}"]`).waitFor({ timeout: UI_TIMEOUT_MS })
      const projects = listProjects(admin.doc)
      const units = [...new Set(projects.map((project) => project.unit))]
      const meeting = startMeeting(
        admin.doc,
        { title: '8月重点项目调度会', date: '2022-08-20' as IsoDate, attendees: units, agenda: units },
        boardTotals(projects),
        await adminPrincipal(server),
      )
      setReportingUnit(admin.doc, meeting, REPORTING_UNIT)
      await waitFor(async () => ((await wall.locator('.sw-tile-map h2').textContent()) ?? '').includes(REPORTING_UNIT), {
        timeoutMs: UI_TIMEOUT_MS,
        message: 'the map tile to follow the reporting unit',
      })
      const duringMeeting = await shownPoints(wall, '.sw-map')
      const unitOf = new Map<string, string>(placed.map((project) => [project.id, project.unit]))
      expect(duringMeeting.filter((point) => !point.dimmed).every((point) => unitOf.get(point.id) === REPORTING_UNIT)).toBe(true)
      expect(duringMeeting.filter((point) => point.dimmed).length).toBe(placed.filter((project) => project.unit !== REPORTING_UNIT).length)
      await wall.screenshot({ path: await artifactPath('map-wall-3840x2160.png') })
      expect(await layoutProblems(wall), 'the map tile in 产业结构’s place overflows nothing').toEqual([])

      expect(errors).toEqual([])
    },
    BROWSER_TEST_TIMEOUT_MS,
  )

  test(
    'beside 产业结构 the wall map takes 月度走势’s place, draws every placed project and the wall still fits',
    async () => {
      requireBuiltClient()
      const server = await startServer({ demo: true })
      const link = await createScreenLink(server, DEMO_BOARD)
      const admin = connectClient(server, DEMO_BOARD, { acks: true })
      await admin.waitSynced()
      await placeDemoProjects(server, admin)
      writeBoardSettings(admin.doc, { ...readBoardSettings(admin.doc, 2022), wallMap: WallMap.besideIndustry })
      await admin.waitSaved()
      const browser = await launchBrowser()
      const context = await browser.newContext({ viewport: { width: 3840, height: 2160 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
      const wall = await context.newPage()
      await wall.goto(`${server.url}${link.url}`)
      await wall.locator('.sw-wall-column:nth-child(2) .sw-tile-map').waitFor({ timeout: UI_TIMEOUT_MS })
      expect(await wall.locator('.sw-tile-industry').count(), '产业结构 stays').toBe(1)
      await waitFor(async () => (await drawnPoints(wall, '.sw-map')) === PLACED_COUNT, {
        timeoutMs: UI_TIMEOUT_MS,
        message: 'the map beside 产业结构 to draw every point',
      })
      expect(await layoutProblems(wall), 'the map tile in 月度走势’s place overflows nothing').toEqual([])
      await wall.screenshot({ path: await artifactPath('map-wall-beside-3840x2160.png') })
    },
    BROWSER_TEST_TIMEOUT_MS,
  )
})
