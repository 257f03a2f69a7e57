/**
 * Browser figures for the board page in Debian's chromium (playwright-core): time to the first
 * card and to the last column being filled, and frame times during a real mouse drag.
 *
 * `measureBoardInBrowser` takes a running server, a board and credentials, so `pnpm bench` can call
 * it on its own server. Standalone, `node --import tsx bench/browser.ts [cards…]` starts a test
 * server, seeds boards of 160 and 2,000 cards (or the sizes given) and prints the figures.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Page } from 'playwright-core'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { WanAmount } from '@guatu/shared/domain/money'
import { STAGES } from '@guatu/shared/domain/stage'
import { TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/credentials.ts'
import { CHROMIUM_PATH } from '../helpers/paths.ts'
import { benchClient } from './benchClient.ts'
import { guatuHttp, ServerKind, startServer } from './benchServers.ts'

export interface BrowserBoardFigures {
  cards: number
  /** From navigation start to the first card in the DOM. */
  firstCardMs: number
  /** From navigation start until every column shows its final count. */
  fullBoardMs: number
  drag: { frames: number; meanFrameMs: number; p95FrameMs: number; maxFrameMs: number; longFrames: number }
}

const TIMEOUT_MS = 60_000

async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url)
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('login-username').waitFor({ state: 'detached', timeout: TIMEOUT_MS })
}

/** Records when the first card appears and every animation frame's delta while `__guatuFrames` is on. */
const INSTRUMENT = `
  window.__guatu = { firstCard: 0, frames: [], recording: false }
  new MutationObserver((_records, observer) => {
    if (document.querySelector('[data-project-id]')) { window.__guatu.firstCard = performance.now(); observer.disconnect() }
  }).observe(document, { childList: true, subtree: true })
  let last = 0
  const tick = (now) => { if (window.__guatu.recording && last) window.__guatu.frames.push(now - last); last = now; requestAnimationFrame(tick) }
  requestAnimationFrame(tick)
`

export async function measureBoardInBrowser(options: {
  serverUrl: string
  boardId: string
  username: string
  password: string
  expectedCards: number
}): Promise<BrowserBoardFigures> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu'] })
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' })
    const page = await context.newPage()
    const url = `${options.serverUrl}/board/${encodeURIComponent(options.boardId)}`
    await signIn(page, url, options.username, options.password)
    // The measured load is the second one (signed in). The first filled the offline cache; clear it
    // so the figure is a first visit over the network, the slower path.
    await page.evaluate(async () => {
      for (const db of await indexedDB.databases()) if (db.name) indexedDB.deleteDatabase(db.name)
    })
    await page.addInitScript(INSTRUMENT)
    await page.goto(url)
    const expected = options.expectedCards
    await page.waitForFunction(
      (total) => {
        const counts = [...document.querySelectorAll('[data-testid^="column-count-"]')].map((element) => Number(element.getAttribute('data-value')))
        return counts.reduce((sum, count) => sum + count, 0) === total
      },
      expected,
      { timeout: TIMEOUT_MS },
    )
    const fullBoardMs = await page.evaluate(() => performance.now())
    const firstCardMs = await page.evaluate(() => (window as unknown as { __guatu: { firstCard: number } }).__guatu.firstCard)

    const from = await page.locator('[data-testid="column-planning"] [data-project-id]').first().boundingBox()
    const to = await page.locator('[data-testid="column-started"]').boundingBox()
    if (!from || !to) throw new Error('no card or column to drag between')
    const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 }
    const end = { x: to.x + to.width / 2, y: to.y + 200 }
    await page.mouse.move(start.x, start.y)
    await page.mouse.down()
    await page.mouse.move(start.x + 12, start.y + 4, { steps: 3 })
    await page.evaluate(() => {
      const state = (window as unknown as { __guatu: { frames: number[]; recording: boolean } }).__guatu
      state.frames = []
      state.recording = true
    })
    await page.mouse.move(end.x, end.y, { steps: 60 })
    await page.mouse.move(start.x + 12, start.y + 4, { steps: 60 })
    await page.mouse.move(end.x, end.y, { steps: 60 })
    const frames = await page.evaluate(() => {
      const state = (window as unknown as { __guatu: { frames: number[]; recording: boolean } }).__guatu
      state.recording = false
      return state.frames
    })
    await page.mouse.up()
    const sorted = [...frames].sort((a, b) => a - b)
    const round = (value: number) => Math.round(value * 10) / 10
    return {
      cards: expected,
      firstCardMs: round(firstCardMs),
      fullBoardMs: round(fullBoardMs),
      drag: {
        frames: frames.length,
        meanFrameMs: round(frames.reduce((sum, frame) => sum + frame, 0) / Math.max(1, frames.length)),
        p95FrameMs: round(sorted[Math.floor(sorted.length * 0.95)] ?? 0),
        maxFrameMs: round(sorted[sorted.length - 1] ?? 0),
        longFrames: frames.filter((frame) => frame > 50).length,
      },
    }
  } finally {
    await browser.close()
  }
}

async function main(sizes: readonly number[]): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-browser-bench-'))
  const server = await startServer(ServerKind.guatu, dataDir)
  try {
    for (const size of sizes) {
      const boardId = await server.createBoard(`浏览器基准 ${size}`)
      const { url, documentName } = server.endpoint(boardId)
      const token = new URL(url).searchParams.get('token') ?? ''
      const wsBase = url.slice(0, url.indexOf(`/${documentName}`))
      const seeder = benchClient(wsBase, boardId, token)
      await seeder.synced
      seeder.doc.transact(() => {
        for (let i = 0; i < size; i++) {
          createProject(seeder.doc, {
            name: `基准项目${i + 1}`,
            stage: STAGES[i % STAGES.length] ?? 'planning',
            unit: ['发改局', '工信局', '商务局', '住建局'][i % 4] ?? '发改局',
            totalInvestment: String(1000 + i) as WanAmount,
          })
        }
      })
      // Stored once a fresh client sees every card.
      for (let attempt = 0; ; attempt++) {
        const check = benchClient(wsBase, boardId, token)
        await check.synced
        const seen = listProjects(check.doc).length
        check.provider.destroy()
        if (seen === size) break
        if (attempt > 50) throw new Error(`only ${seen} of ${size} cards stored`)
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      seeder.provider.destroy()
      const figures = await measureBoardInBrowser({
        serverUrl: guatuHttp(server).url,
        boardId,
        username: TEST_ADMIN_USERNAME,
        password: TEST_ADMIN_PASSWORD,
        expectedCards: size,
      })
      console.log(JSON.stringify(figures))
    }
  } finally {
    await server.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0)
  await main(sizes.length > 0 ? sizes : [160, 2000])
}
