import { existsSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { clearProjectCoordinates } from '@guatu/shared/board/coordinateCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import { artifactPath, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { startServer, TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 20_000
const DEMO_BOARD = 'demo'
/** A server and a Chromium page on a shared, busy 2-core machine. */
const BROWSER_TEST_TIMEOUT_MS = 120_000
/** gcoord's published example (its README): GCJ-02 E123 N45 is WGS-84 E122.99395597 N44.99804071. */
const GCJ_EXAMPLE = { gcj: '123,45', wgs: [122.99395597, 44.99804071] } as const

test(
  'in the panel the office draws a 项目范围 on the small map (undo, close), is refused a crossing outline typed as lines, imports a GeoJSON parcel, and places a 高德 point converted',
  async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first`)
    const server = await startServer({ demo: true })
    const admin = connectClient(server, DEMO_BOARD, { acks: true })
    await admin.waitSynced()
    const project = listProjects(admin.doc)[0]!
    clearProjectCoordinates(admin.doc, project.id)
    await admin.waitSaved()

    const browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(`${error.name}: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(message.text())
    })
    await signInThroughLoginPage(page, `${server.url}/board/${DEMO_BOARD}/map`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    await page.getByTestId('map-unplaced').locator('summary').click({ timeout: UI_TIMEOUT_MS })
    await page
      .getByTestId('map-unplaced')
      .getByRole('button', { name: `${project.name}（${project.unit}）` })
      .click()
    const panel = page.getByTestId('project-panel')
    const picker = panel.getByTestId('place-picker')
    await picker.scrollIntoViewIfNeeded({ timeout: UI_TIMEOUT_MS })

    // Drawing: three clicks, one taken back, one more, then closed.
    await panel.getByTestId('area-draw').click()
    await expect.poll(() => picker.getAttribute('data-drawing'), { timeout: UI_TIMEOUT_MS }).toBe('true')
    const box = (await picker.boundingBox())!
    const at = (dx: number, dy: number) => ({ position: { x: box.width / 2 + dx, y: box.height / 2 + dy } })
    await picker.click(at(-40, -30))
    await picker.click(at(40, -30))
    await picker.click(at(0, 60))
    await expect.poll(() => panel.getByTestId('area-draft-count').textContent()).toContain('已选 3 个')
    await panel.getByTestId('area-undo').click()
    await expect.poll(() => panel.getByTestId('area-draft-count').textContent()).toContain('已选 2 个')
    await picker.click(at(10, 50))
    await panel.getByTestId('area-close').click()
    await waitForDoc(admin.doc, (doc) => readProject(doc, project.id)?.area !== undefined, { message: 'the drawn outline to be stored' })
    const drawn = readProject(admin.doc, project.id)!.area!
    expect(drawn.source).toBe('manual')
    expect(drawn.ring).toHaveLength(3)
    expect(readProject(admin.doc, project.id)?.coordinates, 'drawing placed no point').toBeUndefined()
    await expect.poll(() => panel.getByTestId('panel-area-now').textContent()).toBe('项目范围：3个顶点（地图绘制）')
    await page.screenshot({ path: await artifactPath('panel-area-drawn.png') })

    // The keyboard's way: lines of 经度,纬度. A bow tie is refused with the server's words, nothing stored.
    await panel.getByTestId('area-lines').fill('108.90,34.20\n109.00,34.30\n109.00,34.20\n108.90,34.30')
    await panel.getByTestId('area-lines-save').click()
    await expect.poll(() => panel.getByTestId('area-error').textContent()).toMatch(/项目范围的边相互交叉/)
    expect(readProject(admin.doc, project.id)?.area).toEqual(drawn)

    // A parcel from a GIS desk: a GeoJSON Polygon file.
    const parcel = [
      [108.94, 34.26],
      [108.95, 34.26],
      [108.95, 34.27],
      [108.94, 34.27],
      [108.94, 34.26],
    ]
    await panel.getByTestId('area-file').setInputFiles({
      name: '地块.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [parcel] } })),
    })
    await waitForDoc(admin.doc, (doc) => readProject(doc, project.id)?.area?.source === 'import', { message: 'the imported parcel' })
    expect(readProject(admin.doc, project.id)?.area?.ring).toEqual(parcel.slice(0, 4))

    // A point copied from 高德: GCJ-02 chosen, converted before it is written.
    await panel.getByTestId('location-paste').fill(GCJ_EXAMPLE.gcj)
    await panel.getByTestId('location-system').selectOption('gcj02')
    await expect.poll(() => panel.getByTestId('location-system-note').textContent()).toContain('GCJ-02')
    await panel.getByTestId('location-save').click()
    await waitForDoc(admin.doc, (doc) => readProject(doc, project.id)?.coordinates !== undefined, { message: 'the pasted point' })
    const point = readProject(admin.doc, project.id)!.coordinates!
    expect(point.lng).toBeCloseTo(GCJ_EXAMPLE.wgs[0], 6)
    expect(point.lat).toBeCloseTo(GCJ_EXAMPLE.wgs[1], 6)
    expect(problems).toEqual([])
  },
  BROWSER_TEST_TIMEOUT_MS,
)
