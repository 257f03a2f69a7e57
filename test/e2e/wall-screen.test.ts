/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The layout checks run inside the page (page.evaluate) and read the DOM.
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { boardTotals, setReportingUnit, startMeeting } from '@guatu/shared/board/meetingCommands'
import { moveProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import type { IsoDate } from '@guatu/shared/domain/dates'
import { formatYi, sumCents } from '@guatu/shared/domain/money'
import type { Principal } from '@guatu/shared/domain/principal'
import type { Project } from '@guatu/shared/domain/project'
import type { Role } from '@guatu/shared/domain/role'
import { STAGES, type Stage } from '@guatu/shared/domain/stage'
import { createScreenLink } from '../helpers/accounts.ts'
import { layoutProblems } from '../helpers/wallLayout.ts'
import { artifactPath, launchBrowser } from '../helpers/browser.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { expectStatus, requestJson } from '../helpers/rest.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/wait.ts'
import type { BoardDetailResponse } from '@guatu/shared/api/boards'

const UI_TIMEOUT_MS = 15_000
/** The promise: a change on the board shows on the wall within a second. */
const LIVE_UPDATE_MS = 1_000
const DEMO_BOARD = 'demo'
const REPORTING_UNIT = '工信局'

const WALL_SIZES = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
] as const

interface ExpectedFigures {
  count: number
  investment: string
  stages: Record<Stage, { count: number; investment: string }>
}

/** The board as the REST API has it, summed with the shared money functions (exact cents, then 亿元). */
async function expectedFigures(server: TestServer): Promise<{ projects: Project[]; figures: ExpectedFigures }> {
  const { projects } = expectStatus(await requestJson<BoardDetailResponse>(server, `/api/boards/${DEMO_BOARD}`), 200, 'GET the demo board')
  const stages = Object.fromEntries(
    STAGES.map((stage) => {
      const members = projects.filter((project) => project.stage === stage)
      return [stage, { count: members.length, investment: formatYi(sumCents(members.map((project) => project.totalInvestment))) }]
    }),
  ) as ExpectedFigures['stages']
  const investment = formatYi(sumCents(projects.map((project) => project.totalInvestment)))
  return { projects, figures: { count: projects.length, investment, stages } }
}

async function openWall(browser: Browser, url: string, size: { width: number; height: number }, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
  await page.goto(url)
  await page.getByTestId('screen-total-count').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
  await page.locator('[data-testid="screen-connection"][data-state="connected"]').waitFor({ timeout: UI_TIMEOUT_MS })
  return page
}

/** The admin as the board's permission checks see it: meetings are run in the project office's own name. */
async function adminPrincipal(server: TestServer): Promise<Principal> {
  type Me = { user: { id: string; username: string; displayName: string; role: Role; units: string[] } }
  const { user } = expectStatus(await requestJson<Me>(server, '/api/me'), 200, 'GET /api/me')
  return { kind: 'user', userId: user.id, username: user.username, displayName: user.displayName, role: user.role, units: user.units }
}

/** Whether a 最新动态 line names `projectName` moved to 开工. */
function feedShowsMove(page: Page, projectName: string): Promise<boolean> {
  return page
    .getByTestId('screen-feed-item')
    .evaluateAll((items, name) => items.some((item) => (item.textContent ?? '').includes(name) && (item.textContent ?? '').includes('开工')), projectName)
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim()

async function shownFigures(page: Page): Promise<ExpectedFigures> {
  const stages = {} as ExpectedFigures['stages']
  for (const stage of STAGES) {
    stages[stage] = {
      count: Number(await text(page, `screen-stage-count-${stage}`)),
      investment: await text(page, `screen-stage-investment-${stage}`),
    }
  }
  return { count: Number(await text(page, 'screen-total-count')), investment: await text(page, 'screen-total-investment'), stages }
}

describe('the wall screen (大屏)', () => {
  test('a screen link shows the demo board at 1920×1080 and 3840×2160 with exact figures, and nothing overflows or scrolls', async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) {
      throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first (pnpm --filter @guatu/client build)`)
    }
    const server = await startServer({ demo: true })
    const link = await createScreenLink(server, DEMO_BOARD)
    // One move before the wall opens, so the feed has a line from the server's history to show.
    const admin = connectClient(server, DEMO_BOARD, { acks: true })
    await admin.waitSynced()
    const moved = listProjects(admin.doc).find((project) => project.stage === 'signed')
    if (!moved) throw new Error('the demo board has no project in 签约')
    moveProject(admin.doc, moved.id, { stage: 'started' })
    await admin.waitSaved()
    const { figures } = await expectedFigures(server)
    expect(figures.count).toBe(160)

    const browser = await launchBrowser()
    const errors: string[] = []
    for (const size of WALL_SIZES) {
      const page = await openWall(browser, `${server.url}${link.url}`, size, errors)
      expect(await shownFigures(page)).toEqual(figures)
      expect(await page.getByTestId('screen-warning-row').count()).toBeGreaterThan(0)
      await waitFor(() => feedShowsMove(page, moved.name), { timeoutMs: UI_TIMEOUT_MS, message: `the feed to list the move of ${moved.name}` })
      expect(await text(page, 'screen-as-of')).toBe('统计截止 2022年8月20日')
      expect(await text(page, 'screen-data-time'), 'the clock of the data is printed apart from the cut-off day').toMatch(/^更新 \d{2}:\d{2}$/)
      // Saved before the layout is judged, so a person can see what went wrong.
      await page.screenshot({ path: await artifactPath(`screen-${size.width}x${size.height}.png`) })
      expect(await layoutProblems(page)).toEqual([])
      await page.context().close()
    }
    expect(errors).toEqual([])
  })

  test('a burst of moves reaches the targets tile: the first at once, the rest together within the figures’ second', async () => {
    const server = await startServer({ demo: true })
    const link = await createScreenLink(server, DEMO_BOARD)
    const { projects } = await expectedFigures(server)
    const moving = projects.filter((project) => project.stage === 'planning').slice(0, 5)
    expect(moving.length).toBe(5)

    const browser = await launchBrowser()
    const errors: string[] = []
    const page = await openWall(browser, `${server.url}${link.url}`, WALL_SIZES[0], errors)
    const startedDone = async () => Number(await page.locator('[data-testid="screen-target"][data-key="started.count"]').getAttribute('data-done'))
    const before = await startedDone()
    const admin = connectClient(server, DEMO_BOARD)
    await admin.waitSynced()

    // A lone move after a quiet spell passes the figures' throttle at once.
    moveProject(admin.doc, moving[0]!.id, { stage: 'started' })
    await waitFor(async () => (await startedDone()) === before + 1, {
      timeoutMs: LIVE_UPDATE_MS,
      message: `开工 in the targets tile to count the first move within ${LIVE_UPDATE_MS} ms`,
    })
    // Four more inside one throttle interval: none is lost, the last value arrives at the interval's end.
    for (const project of moving.slice(1)) {
      moveProject(admin.doc, project.id, { stage: 'started' })
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    let shown = before
    await waitFor(async () => (shown = await startedDone()) === before + 5, {
      timeoutMs: 3 * LIVE_UPDATE_MS,
      message: '开工 in the targets tile to count all five moves',
      describe: () => `shown ${shown}, expected ${before + 5}`,
    })
    expect(errors).toEqual([])
  })

  test("another client's move shows on the wall within a second: the stage counts change and the feed names the move", async () => {
    const server = await startServer({ demo: true })
    const link = await createScreenLink(server, DEMO_BOARD)
    const { projects, figures } = await expectedFigures(server)
    const moving = projects.find((project) => project.stage === 'planning')
    if (!moving) throw new Error('the demo board has no project in 谋划')

    const browser = await launchBrowser()
    const errors: string[] = []
    const page = await openWall(browser, `${server.url}${link.url}`, WALL_SIZES[0], errors)
    expect(await shownFigures(page)).toEqual(figures)
    const admin = connectClient(server, DEMO_BOARD)
    await admin.waitSynced()
    expect(await feedShowsMove(page, moving.name)).toBe(false)

    moveProject(admin.doc, moving.id, { stage: 'started' })
    await waitFor(
      async () => {
        const shown = await shownFigures(page)
        return (
          shown.stages.planning.count === figures.stages.planning.count - 1 &&
          shown.stages.started.count === figures.stages.started.count + 1 &&
          (await feedShowsMove(page, moving.name))
        )
      },
      {
        timeoutMs: LIVE_UPDATE_MS,
        message: `the wall to show ${moving.name} moved to 开工 within ${LIVE_UPDATE_MS} ms`,
        describe: () => `expected 谋划 ${figures.stages.planning.count - 1} and 开工 ${figures.stages.started.count + 1}`,
      },
    )
    expect(await text(page, 'screen-total-count')).toBe(String(figures.count))

    // The server's history then names who moved it: "HH:MM <actor> 将 <project> 移至 开工".
    await waitForDoc(admin.doc, (doc) => readProject(doc, moving.id)?.stage === 'started', { message: 'the move to be applied' })
    await waitFor(
      () =>
        page
          .getByTestId('screen-feed-item')
          .evaluateAll(
            (items, name) =>
              items.some((item) => (item.textContent ?? '').includes(name) && /^\d{2}:\d{2}.+将.+移至开工$/.test((item.textContent ?? '').replace(/\s+/g, ''))),
            moving.name,
          ),
      { timeoutMs: UI_TIMEOUT_MS, message: 'the feed line to name who moved the project, from the server history' },
    )
    expect(await layoutProblems(page)).toEqual([])
    expect(errors).toEqual([])
  })

  test('during a 调度会 the wall names the reporting unit and lists only its warnings and moves', async () => {
    const server = await startServer({ demo: true })
    const link = await createScreenLink(server, DEMO_BOARD)
    const browser = await launchBrowser()
    const errors: string[] = []
    const page = await openWall(browser, `${server.url}${link.url}`, WALL_SIZES[0], errors)
    expect(await page.getByTestId('screen-meeting').count()).toBe(0)

    const admin = connectClient(server, DEMO_BOARD, { acks: true })
    await admin.waitSynced()
    const projects = listProjects(admin.doc)
    const units = [...new Set(projects.map((project) => project.unit))]
    const meeting = startMeeting(
      admin.doc,
      { title: '8月重点项目调度会', date: '2022-08-20' as IsoDate, attendees: units, agenda: units },
      boardTotals(projects),
      await adminPrincipal(server),
    )
    setReportingUnit(admin.doc, meeting, REPORTING_UNIT)
    const own = projects.find((project) => project.unit === REPORTING_UNIT && project.stage === 'signed')
    const other = projects.find((project) => project.unit !== REPORTING_UNIT && project.stage === 'signed')
    if (!own || !other) throw new Error(`the demo board needs a 签约 project of ${REPORTING_UNIT} and one of another unit`)
    moveProject(admin.doc, other.id, { stage: 'started' })
    moveProject(admin.doc, own.id, { stage: 'started' })
    await admin.waitSaved()
    expect(admin.deniedReasons).toEqual([])

    await page
      .getByTestId('screen-meeting')
      .filter({ hasText: `正在汇报：${REPORTING_UNIT}` })
      .waitFor({ timeout: UI_TIMEOUT_MS })
    await waitFor(() => feedShowsMove(page, own.name), { timeoutMs: UI_TIMEOUT_MS, message: `the feed to list the move of ${own.name}` })
    expect(await feedShowsMove(page, other.name)).toBe(false)
    const feedUnits = await page.getByTestId('screen-feed-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-unit')))
    expect(new Set(feedUnits)).toEqual(new Set([REPORTING_UNIT]))
    const warningUnits = await page.getByTestId('screen-warning-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-unit')))
    expect(warningUnits.length).toBeGreaterThan(0)
    expect(new Set(warningUnits)).toEqual(new Set([REPORTING_UNIT]))
    await page.screenshot({ path: await artifactPath('screen-meeting-1920x1080.png') })
    expect(await layoutProblems(page)).toEqual([])
    expect(errors).toEqual([])
  })
})
