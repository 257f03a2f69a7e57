/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The font checks run inside the page (page.evaluate) and read document.fonts.
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { createScreenLink } from '../helpers/accounts.ts'
import { artifactPath, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { FONT_SETUPS, FontSetup } from '../helpers/fontSetups.ts'
import { contrastOf, MIN_CONTRAST, overflowingText } from '../helpers/layoutChecks.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { startServer, TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME, type TestServer } from '../helpers/server.ts'
import { layoutProblems } from '../helpers/wallLayout.ts'

const UI_TIMEOUT_MS = 15_000
const DEMO_BOARD = 'demo'
const WALL_SIZES = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
] as const
const OFFICE_SCREEN = { width: 1920, height: 1080 }
/** The family of the bundled face (@fontsource/noto-sans-sc), as the client's CSS names it. */
const BUNDLED_FACE = 'Noto Sans SC'

async function demoServer(): Promise<TestServer> {
  if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error(`${CLIENT_DIST}/index.html is missing: run pnpm build first`)
  const server = await startServer({ demo: true })
  const reader = connectClient(server, DEMO_BOARD)
  await waitForDoc(reader.doc, (doc) => listProjects(doc).length > 100, { message: 'the demo board to be seeded' })
  return server
}

/**
 * Waits until every face the page asked for has loaded, then counts the Chinese characters on the
 * page that a loaded slice of the bundled face covers: those it draws, unless a system face comes first.
 */
function ideographsInBundledSlices(page: Page): Promise<number> {
  return page.evaluate(async (family) => {
    await document.fonts.ready
    const ranges = [...document.fonts]
      .filter((face) => face.family.replace(/["']/g, '') === family && face.status === 'loaded')
      .flatMap((face) => face.unicodeRange.split(','))
      .map((range) => {
        const [from = '0', to = from] = range.trim().replace(/^U\+/i, '').split('-')
        return [Number.parseInt(from, 16), Number.parseInt(to, 16)] as const
      })
    const ideographs = new Set([...document.body.innerText].filter((char) => /\p{Script=Han}/u.test(char)))
    return [...ideographs].filter((char) => ranges.some(([from, to]) => char.codePointAt(0)! >= from && char.codePointAt(0)! <= to)).length
  }, BUNDLED_FACE)
}

/** Refusals by the Content-Security-Policy (font-src 'self'), as Chromium reports them on the console. */
function collectPolicyRefusals(page: Page): string[] {
  const refusals: string[] = []
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) refusals.push(message.text())
  })
  return refusals
}

async function openWall(browser: Browser, url: string, size: { width: number; height: number }, refusals: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  const seen = collectPolicyRefusals(page)
  page.on('close', () => refusals.push(...seen))
  await page.goto(url)
  await page.getByRole('heading', { level: 1 }).waitFor({ timeout: UI_TIMEOUT_MS })
  await page.locator('[data-testid="screen-connection"][data-state="connected"]').waitFor({ timeout: UI_TIMEOUT_MS })
  return page
}

describe('with and without the system CJK fonts (fonts-noto-cjk)', () => {
  for (const setup of FONT_SETUPS) {
    test(`${setup}: the wall draws Chinese with its bundled face and nothing overflows at 1080p or 4K`, async () => {
      const server = await demoServer()
      const link = await createScreenLink(server, DEMO_BOARD)
      const browser = await launchBrowser(setup)
      const refusals: string[] = []
      for (const size of WALL_SIZES) {
        const page = await openWall(browser, `${server.url}${link.url}`, size, refusals)
        expect(await ideographsInBundledSlices(page), 'Chinese characters the bundled face has loaded').toBeGreaterThan(0)
        await page.screenshot({ path: await artifactPath(`fonts-${setup}-screen-${size.width}x${size.height}.png`) })
        expect(await layoutProblems(page)).toEqual([])
        await page.context().close()
      }
      expect(refusals, 'the bundled font and everything else load under the policy').toEqual([])
    })

    test(`${setup}: the board shows Chinese without text overflowing, and every disabled header button reads at 4.5:1 or more`, async () => {
      const server = await demoServer()
      const browser = await launchBrowser(setup)
      const context = await browser.newContext({ viewport: OFFICE_SCREEN, locale: 'zh-CN' })
      const page = await context.newPage()
      const refusals = collectPolicyRefusals(page)
      await signInThroughLoginPage(page, `${server.url}/board/${DEMO_BOARD}`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
      await page.locator('.card[data-project-id]').first().waitFor({ timeout: UI_TIMEOUT_MS })
      const ideographs = await ideographsInBundledSlices(page)
      // The bundled face is the board's last resort: its Chinese slices are fetched only where no
      // system face draws Chinese (a symbol slice, for ▲ and the like, may still come).
      if (setup === FontSetup.systemCjk) expect(ideographs, 'no Chinese slice downloaded beside the system CJK face').toBe(0)
      else expect(ideographs, 'the bundled face stands in for the missing system CJK face').toBeGreaterThan(0)
      await page.screenshot({ path: await artifactPath(`fonts-${setup}-board-1920x1080.png`) })
      expect(await overflowingText(page, '.board-page')).toEqual([])

      // Nothing done yet, so 撤销 and 重做 are among them; read from computed styles with the real fonts.
      const disabled = page.locator('.board-header button:disabled')
      expect(await page.getByRole('button', { name: '撤销' }).isDisabled()).toBe(true)
      const readings = []
      for (const button of await disabled.all()) {
        readings.push(await contrastOf(button, (await button.textContent())?.trim() || (await button.getAttribute('aria-label')) || '?'))
      }
      expect(readings.map((reading) => reading.label)).toEqual(expect.arrayContaining(['撤销', '重做']))
      const tooFaint = readings
        .filter((reading) => reading.ratio < MIN_CONTRAST)
        .map((r) => `${r.label}: ${r.color} on ${r.background} = ${r.ratio.toFixed(2)}:1`)
      expect(tooFaint).toEqual([])
      expect(refusals).toEqual([])
    })
  }
})
