/**
 * Issue 22, items 1 and 2: what a person's browser feels. In Debian's chromium with the CPU
 * throttled (4× stands for an office PC):
 * - `burstFigures`: the board page (signed in as the office) or the wall screen (a screen link, its
 *   map tile on so every project has an element to watch) while other clients move cards at a
 *   steady rate. Frame times, long tasks, and for every move the delay from its sending until the
 *   page could paint it in its new stage.
 * - `firstLoadFigures`: the board's first card, whole board and quiet main thread, and the wall's
 *   first paint and figures, from navigation start.
 *
 * Each starts its own Guatu server. Moves go to the top of their new column, so the board page
 * mounts the card where a person looking at the column sees it (long columns are virtualised).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import * as Y from 'yjs'
import { moveProject } from '@guatu/shared/board/projectCommands'
import { columnOrder, listProjects } from '@guatu/shared/board/projectQueries'
import { createPrng, type Prng } from '@guatu/shared/demo/prng'
import type { ProjectId } from '@guatu/shared/domain/project'
import { STAGES, type Stage } from '@guatu/shared/domain/stage'
import { WallMap } from '@guatu/shared/progress/boardSettings'
import { TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/credentials.ts'
import { CHROMIUM_PATH } from '../helpers/paths.ts'
import { seedBenchBoard } from './benchBoard.ts'
import { ServerKind, guatuHttp, startServer, type BenchServer } from './benchServers.ts'
import { allLongTasks, firstElementAt, probeScript, startRecording, stopRecording, throttleCpu } from './pageProbe.ts'
import { RawClient } from './rawClient.ts'
import { mainThreadBreakdown, type MainThreadBreakdown } from './traceBreakdown.ts'
import { percentile } from './stats.ts'

export const View = { board: 'board', wall: 'wall' } as const
export type View = (typeof View)[keyof typeof View]

const TIMEOUT_MS = 180_000
const TICK_MS = 10
/**
 * A card is not moved again this soon (or within half the time the board's cards last at the rate):
 * most moves are painted before their card moves on. One that is not, is counted as superseded.
 */
const CARD_COOLDOWN_MS = 3_000
/** Moves still arriving after the last was sent are waited for this long. */
const SETTLE_MS = 3_000
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
const SELECTOR: Record<View, string> = { board: '[data-testid^="card-"][data-project-id]', wall: '.sw-map [data-testid="map-point"]' }
const VIEWPORT: Record<View, { width: number; height: number }> = { board: { width: 1600, height: 1000 }, wall: { width: 1920, height: 1080 } }

export interface BurstOptions {
  view: View
  cards: number
  /** Clients moving cards, besides the measured page. */
  movers: number
  movesPerSecond: number
  seconds: number
  cpuThrottle: number
  /** Writes a CPU profile of the page while the moves arrive (a .cpuprofile for DevTools). */
  profilePath?: string
}

export interface BurstFigures extends BurstOptions {
  frames: { count: number; p50: number; p95: number; max: number }
  longTasks: { count: number; maxMs: number; totalMs: number }
  moves: { sent: number; shown: number; superseded: number; p50: number; p95: number; p99: number; max: number; within250: number }
  /** The page's main thread over the burst and its settling, from a Chrome trace. */
  mainThread: MainThreadBreakdown
}

export interface FirstLoadFigures {
  cards: number
  cpuThrottle: number
  board: { firstCardMs: number; wholeBoardMs: number; quietMs: number; longTasks: number; maxLongTaskMs: number }
  wall: { firstPaintMs: number; figuresMs: number; mapMs: number }
}

const round1 = (value: number) => Math.round(value * 10) / 10

interface Stage0 {
  server: BenchServer
  browser: Browser
  boardId: string
  seed: { doc: Y.Doc; close(): void }
  dataDir: string
}

async function setUp(cards: number): Promise<Stage0> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-bench-client-'))
  const server = await startServer(ServerKind.guatu, dataDir)
  const seed = await seedBenchBoard(server, cards, { placed: true, wallMap: WallMap.besideIndustry })
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  return { server, browser, boardId: seed.boardId, seed, dataDir }
}

async function tearDown(stage: Stage0): Promise<void> {
  stage.seed.close()
  await stage.browser.close()
  await stage.server.stop()
  await rm(stage.dataDir, { recursive: true, force: true })
}

/** A screen link for the board, as the office makes one: the wall signs in with its token. */
async function screenLinkUrl(server: BenchServer, boardId: string): Promise<string> {
  const http = guatuHttp(server)
  const response = await fetch(`${http.url}/api/screen-links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${http.adminToken}` },
    body: JSON.stringify({ boardId, name: '基准大屏' }),
  })
  if (response.status !== 201) throw new Error(`POST /api/screen-links answered ${response.status}`)
  return `${http.url}${((await response.json()) as { url: string }).url}`
}

/** A page for the view, signed in (board) or on its screen link (wall), offline cache empty, probe installed. */
async function openView(stage: Stage0, view: View): Promise<{ page: Page; url: string }> {
  const context = await stage.browser.newContext({ viewport: VIEWPORT[view], locale: 'zh-CN' })
  const page = await context.newPage()
  const http = guatuHttp(stage.server)
  let url: string
  if (view === View.board) {
    url = `${http.url}/board/${encodeURIComponent(stage.boardId)}`
    await page.goto(url)
    await page.getByTestId('login-username').fill(TEST_ADMIN_USERNAME)
    await page.getByTestId('login-password').fill(TEST_ADMIN_PASSWORD)
    await page.getByTestId('login-submit').click()
    await page.getByTestId('login-username').waitFor({ state: 'detached', timeout: TIMEOUT_MS })
  } else {
    url = await screenLinkUrl(stage.server, stage.boardId)
    await page.goto(url)
  }
  // The measured load is a first visit over the network: the offline cache of the visit above goes.
  await page.evaluate(async () => {
    for (const db of await indexedDB.databases()) if (db.name) indexedDB.deleteDatabase(db.name)
  })
  await page.addInitScript(probeScript(SELECTOR[view]))
  return { page, url }
}

async function waitForWholeBoard(page: Page, view: View, cards: number): Promise<void> {
  if (view === View.board) {
    await page.waitForFunction(
      (total) =>
        [...document.querySelectorAll('[data-testid^="column-count-"]')].reduce((sum, element) => sum + Number(element.getAttribute('data-value')), 0) ===
        total,
      cards,
      { timeout: TIMEOUT_MS },
    )
  } else {
    await page.waitForFunction((total) => document.querySelectorAll('.sw-map [data-testid="map-point"]').length === total, cards, {
      timeout: TIMEOUT_MS,
    })
  }
}

/**
 * The card to move and where: not moved lately, to another stage, on top of that column. `stages`
 * is the benchmark's own record of every card's stage (all moves are sent from here), so picking
 * costs nothing on a 2,000-card board.
 */
function pickMove(
  doc: Y.Doc,
  random: Prng,
  stages: Map<ProjectId, Stage>,
  cooling: Map<ProjectId, number>,
  now: number,
  cooldownMs: number,
): { id: ProjectId; stage: Stage; beforeId?: ProjectId } {
  const ids = [...stages.keys()]
  for (;;) {
    const id = random.pick(ids)
    if ((cooling.get(id) ?? 0) > now) continue
    const stage = random.pick(STAGES.filter((other) => other !== stages.get(id)))
    cooling.set(id, now + cooldownMs)
    stages.set(id, stage)
    return { id, stage, beforeId: columnOrder(doc, stage)[0]?.id }
  }
}

export async function burstFigures(options: BurstOptions): Promise<BurstFigures> {
  const stage = await setUp(options.cards)
  const movers: RawClient[] = []
  try {
    const { page, url } = await openView(stage, options.view)
    const cdp = await throttleCpu(page, options.cpuThrottle)
    await page.goto(url)
    await waitForWholeBoard(page, options.view, options.cards)

    const docs = Array.from({ length: options.movers }, () => new Y.Doc())
    for (const doc of docs) movers.push(new RawClient(stage.server.endpoint(stage.boardId), { doc }))
    await Promise.all(movers.map((mover) => mover.synced))
    while (docs.some((doc) => listProjects(doc).length < options.cards)) await new Promise((resolve) => setTimeout(resolve, 50))
    // Let the page settle after its load before anything is recorded.
    await page.waitForTimeout(2_000)

    if (options.profilePath) {
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.start')
    }
    const tracePath = path.join(stage.dataDir, 'burst.trace.json')
    await stage.browser.startTracing(page, { path: tracePath, categories: ['devtools.timeline', 'toplevel'] })
    await startRecording(page)
    const random = createPrng(22)
    const cooling = new Map<ProjectId, number>()
    const stages = new Map(listProjects(stage.seed.doc).map((project) => [project.id, project.stage]))
    const sent: Array<{ id: ProjectId; stage: Stage; at: number }> = []
    const total = Math.round(options.movesPerSecond * options.seconds)
    const cooldownMs = Math.min(CARD_COOLDOWN_MS, (options.cards / options.movesPerSecond) * 500)
    const startedAt = Date.now()
    while (sent.length < total) {
      const due = Math.min(total, Math.floor(((Date.now() - startedAt) * options.movesPerSecond) / 1000) + 1)
      while (sent.length < due) {
        const doc = docs[sent.length % docs.length]!
        const now = Date.now()
        const move = pickMove(doc, random, stages, cooling, now, cooldownMs)
        moveProject(doc, move.id, { stage: move.stage, ...(move.beforeId ? { beforeId: move.beforeId } : {}) })
        sent.push({ id: move.id, stage: move.stage, at: now })
      }
      await new Promise((resolve) => setTimeout(resolve, TICK_MS))
    }
    await page.waitForTimeout(SETTLE_MS)
    const records = await stopRecording(page)
    await stage.browser.stopTracing()
    const mainThread = await mainThreadBreakdown(tracePath)
    if (options.profilePath) await writeFile(options.profilePath, JSON.stringify((await cdp.send('Profiler.stop')).profile))
    await cdp.detach()

    // A move is painted when its card shows in its stage before the card's next move was sent; a move
    // never painted whose card moved on meanwhile was superseded (the page showed the later one).
    const delays: number[] = []
    let superseded = 0
    sent.forEach((move, index) => {
      const next = sent.slice(index + 1).find((later) => later.id === move.id)?.at ?? Number.POSITIVE_INFINITY
      const shown = records.shown.find(([id, shownStage, at]) => id === move.id && shownStage === move.stage && at >= move.at && at < next + SETTLE_MS)
      if (shown) delays.push(shown[2] - move.at)
      else if (next < Number.POSITIVE_INFINITY) superseded++
    })
    const frames = [...records.frames].sort((a, b) => a - b)
    const sortedDelays = [...delays].sort((a, b) => a - b)
    return {
      ...options,
      frames: {
        count: frames.length,
        p50: round1(percentile(frames, 50)),
        p95: round1(percentile(frames, 95)),
        max: round1(frames.at(-1) ?? Number.NaN),
      },
      longTasks: {
        count: records.longTasks.length,
        maxMs: round1(Math.max(0, ...records.longTasks.map(([, duration]) => duration))),
        totalMs: round1(records.longTasks.reduce((sum, [, duration]) => sum + duration, 0)),
      },
      moves: {
        sent: sent.length,
        shown: delays.length,
        p50: round1(percentile(sortedDelays, 50)),
        p95: round1(percentile(sortedDelays, 95)),
        p99: round1(percentile(sortedDelays, 99)),
        max: round1(sortedDelays.at(-1) ?? Number.NaN),
        superseded,
        within250: delays.filter((delay) => delay <= 250).length / Math.max(1, sent.length - superseded),
      },
      mainThread,
    }
  } finally {
    for (const mover of movers) mover.close()
    await tearDown(stage)
  }
}

/** The board is interactive once its main thread has been free of long tasks this long. */
const QUIET_WINDOW_MS = 1_000

/** `profilePath`: writes CPU profiles of the board's and the wall's loads (….cpuprofile, ….wall.cpuprofile) for DevTools. */
export async function firstLoadFigures(cards: number, cpuThrottle: number, profilePath?: string): Promise<FirstLoadFigures> {
  const stage = await setUp(cards)
  try {
    const board = await openView(stage, View.board)
    const cdp = await throttleCpu(board.page, cpuThrottle)
    if (profilePath) {
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.start')
    }
    await board.page.goto(board.url)
    await waitForWholeBoard(board.page, View.board, cards)
    if (profilePath) await writeFile(profilePath, JSON.stringify((await cdp.send('Profiler.stop')).profile))
    const navigationStart = await board.page.evaluate(() => performance.timeOrigin)
    const wholeBoardMs = await board.page.evaluate(() => performance.now())
    const firstCardMs = (await firstElementAt(board.page)) - navigationStart
    // Quiet: the end of the last long task before a window of QUIET_WINDOW_MS without one.
    await board.page.waitForTimeout(QUIET_WINDOW_MS + 500)
    let tasks = await allLongTasks(board.page)
    for (let attempt = 0; attempt < 20; attempt++) {
      const lastEnd = Math.max(0, ...tasks.map(([start, duration]) => start + duration))
      if (Date.now() - lastEnd >= QUIET_WINDOW_MS) break
      await board.page.waitForTimeout(QUIET_WINDOW_MS)
      tasks = await allLongTasks(board.page)
    }
    const lastEnd = Math.max(navigationStart + wholeBoardMs, ...tasks.map(([start, duration]) => start + duration))

    const wall = await openView(stage, View.wall)
    const wallCdp = await throttleCpu(wall.page, cpuThrottle)
    if (profilePath) {
      await wallCdp.send('Profiler.enable')
      await wallCdp.send('Profiler.start')
    }
    await wall.page.goto(wall.url)
    await wall.page.waitForFunction((total) => document.querySelector('[data-testid="screen-total-count"]')?.textContent?.includes(String(total)), cards, {
      timeout: TIMEOUT_MS,
    })
    const figuresMs = await wall.page.evaluate(() => performance.now())
    await waitForWholeBoard(wall.page, View.wall, cards)
    const mapMs = await wall.page.evaluate(() => performance.now())
    if (profilePath) await writeFile(profilePath.replace(/\.cpuprofile$/, '.wall.cpuprofile'), JSON.stringify((await wallCdp.send('Profiler.stop')).profile))
    const firstPaintMs = await wall.page.evaluate(
      () => performance.getEntriesByType('paint').find((entry) => entry.name === 'first-contentful-paint')?.startTime ?? Number.NaN,
    )
    return {
      cards,
      cpuThrottle,
      board: {
        firstCardMs: Math.round(firstCardMs),
        wholeBoardMs: Math.round(wholeBoardMs),
        quietMs: Math.round(lastEnd - navigationStart),
        longTasks: tasks.length,
        maxLongTaskMs: Math.round(Math.max(0, ...tasks.map(([, duration]) => duration))),
      },
      wall: { firstPaintMs: Math.round(firstPaintMs), figuresMs: Math.round(figuresMs), mapMs: Math.round(mapMs) },
    }
  } finally {
    await tearDown(stage)
  }
}
