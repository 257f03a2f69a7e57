/// <reference lib="dom" />
// The checks run inside the page (page.evaluate) and read the DOM.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { boundariesPath } from '@guatu/shared/api/boundaries'
import { readBoardSettings, writeBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import { DEMO_TOWNSHIPS } from '@guatu/shared/demo/demoMap'
import { WallMap } from '@guatu/shared/progress/boardSettings'
import { createScreenLink } from '../helpers/accounts.ts'
import { collection, polygonFeature, squareRing } from '../helpers/boundaryFiles.ts'
import { artifactPath, launchBrowser } from '../helpers/browser.ts'
import { connectClient } from '../helpers/client.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { expectStatus, requestJson } from '../helpers/rest.ts'
import { startServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/wait.ts'

const UI_TIMEOUT_MS = 20_000
const DEMO_BOARD = 'demo'
/** A server, a 4K wall page and a second drawing of its map on a shared 2-core machine. */
const BROWSER_TEST_TIMEOUT_MS = 120_000

/** The 乡镇 the wall's map drew (ProjectMap sets them with every drawing, canvas or SVG). */
async function wallTownshipLabels(page: import('playwright-core').Page): Promise<string[]> {
  const names = await page.locator('.sw-map [data-testid="map-chart"]').getAttribute('data-townships')
  return names ? names.split('、') : []
}

test(
  'a wall screen left open redraws its 乡镇 after the office uploads new boundaries, with no reload',
  async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first`)
    const server = await startServer({ demo: true })
    const link = await createScreenLink(server, DEMO_BOARD)
    const admin = connectClient(server, DEMO_BOARD, { acks: true })
    await admin.waitSynced()
    writeBoardSettings(admin.doc, { ...readBoardSettings(admin.doc, 2022), wallMap: WallMap.replaceIndustry })
    await admin.waitSaved()

    const browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 3840, height: 2160 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    const wall = await context.newPage()
    const problems: string[] = []
    wall.on('pageerror', (error) => problems.push(`${error.name}: ${error.message}`))
    wall.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(message.text())
    })
    await wall.goto(`${server.url}${link.url}`)
    await wall.getByTestId('wall-map').waitFor({ timeout: UI_TIMEOUT_MS })
    const demoNames = DEMO_TOWNSHIPS.flat()
    await waitFor(
      async () => {
        const labels = await wallTownshipLabels(wall)
        return demoNames.every((name) => labels.includes(name))
      },
      {
        timeoutMs: UI_TIMEOUT_MS,
        message: 'the wall to draw the demo’s 乡镇',
      },
    )
    expect((await wallTownshipLabels(wall)).sort()).toEqual([...demoNames].sort())
    // Marks this page: a reload would lose it.
    await wall.evaluate(() => {
      ;(window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true
    })

    // The office replaces the 乡镇 through the real endpoint, as its upload page does.
    const uploaded = await requestJson(server, boundariesPath(DEMO_BOARD), {
      method: 'PUT',
      token: server.adminToken,
      body: {
        townships: collection(polygonFeature('城关镇', squareRing(108.55, 34.0, 0.3)), polygonFeature('新丰镇', squareRing(108.85, 34.0, 0.3))),
      },
    })
    expectStatus(uploaded, 200, 'the office’s boundary upload')
    await waitFor(
      async () => {
        const labels = await wallTownshipLabels(wall)
        return labels.includes('城关镇') && labels.includes('新丰镇')
      },
      { timeoutMs: UI_TIMEOUT_MS, message: 'the open wall to draw the uploaded 乡镇' },
    )
    const labels = await wallTownshipLabels(wall)
    expect(
      demoNames.filter((name) => labels.includes(name)),
      'the replaced 乡镇 are gone',
    ).toEqual([])
    expect(await wall.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true)
    await wall.screenshot({ path: await artifactPath('map-wall-boundaries-live-3840x2160.png') })
    expect(problems).toEqual([])
  },
  BROWSER_TEST_TIMEOUT_MS,
)
