/**
 * Issue 22, item 3: a day on the wall. The wall screen (a screen link, map tile on) and the board
 * (signed in as the office) stay open while a simulated 8-hour meeting day passes: moves, progress
 * notes, two 调度会 with a reporting unit that changes every quarter hour and 确定事项, and dropped
 * connections. Each hour's events are sent in `secondsPerHour` real seconds; then the pages' clocks
 * (Playwright's clock) jump to the next hour, so their timers (clock, paging, fades, refreshes) run
 * as they would over the day. After each hour: JS heap after a full GC, DOM nodes and listeners of
 * each page, and the server's RSS.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { chromium, type CDPSession, type Page } from 'playwright-core'
import { boardTotals, endMeeting, recordDecision, setReportingUnit, startMeeting } from '@guatu/shared/board/meetingCommands'
import { moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { createPrng } from '@guatu/shared/demo/prng'
import { todayInChina } from '@guatu/shared/domain/dates'
import { Role } from '@guatu/shared/domain/role'
import { STAGES } from '@guatu/shared/domain/stage'
import { WallMap } from '@guatu/shared/progress/boardSettings'
import { TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/credentials.ts'
import { CHROMIUM_PATH } from '../helpers/paths.ts'
import { seedBenchBoard } from './benchBoard.ts'
import { ServerKind, guatuHttp, startServer } from './benchServers.ts'
import { pageMemory } from './pageProbe.ts'
import { rssBytes } from './procStats.ts'

export interface DaySample {
  hour: number
  wall: { heapBytes: number; nodes: number; listeners: number }
  board: { heapBytes: number; nodes: number; listeners: number }
  serverRssBytes: number
}

export interface WallDayFigures {
  cards: number
  hours: number
  secondsPerHour: number
  events: { moves: number; notes: number; meetings: number; reconnects: number }
  samples: DaySample[]
}

const HOUR_MS = 3_600_000
/** The day: 8:30 to 16:30, meetings from 9 to 11 and from 14 to 16 (hours 1–2 and 6–7 of the day). */
const MEETING_HOURS = new Set([1, 2, 6, 7])
const MOVES_PER_HOUR = { quiet: 30, meeting: 150 }
const NOTES_PER_HOUR = 20
const RECONNECTS_PER_HOUR = 2
const TIMEOUT_MS = 120_000
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']

/** Every websocket the page opens, so a test can drop them as a network would. */
const TRACK_SOCKETS = `(() => {
  const Native = window.WebSocket
  const open = (window.__benchSockets = [])
  window.WebSocket = class extends Native { constructor(...args) { super(...args); open.push(this); this.addEventListener('close', () => open.splice(open.indexOf(this), 1)) } }
})()`

async function dropConnections(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const socket of [...(window as unknown as { __benchSockets: WebSocket[] }).__benchSockets]) socket.close()
  })
}

export async function wallDayFigures(options: { cards: number; hours: number; secondsPerHour: number }): Promise<WallDayFigures> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-bench-day-'))
  const server = await startServer(ServerKind.guatu, dataDir)
  const http = guatuHttp(server)
  const seed = await seedBenchBoard(server, options.cards, { placed: true, wallMap: WallMap.besideIndustry })
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  try {
    const me = (await (await fetch(`${http.url}/api/me`, { headers: { authorization: `Bearer ${http.adminToken}` } })).json()) as {
      user: { id: string; username: string; displayName: string }
    }
    const chair = { kind: 'user', userId: me.user.id, username: me.user.username, displayName: me.user.displayName, role: Role.admin, units: [] } as const
    const link = await fetch(`${http.url}/api/screen-links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${http.adminToken}` },
      body: JSON.stringify({ boardId: seed.boardId, name: '全天大屏' }),
    })
    const wallUrl = `${http.url}${((await link.json()) as { url: string }).url}`

    const openPage = async (viewport: { width: number; height: number }): Promise<{ page: Page; cdp: CDPSession }> => {
      const context = await browser.newContext({ viewport, locale: 'zh-CN' })
      const page = await context.newPage()
      await page.addInitScript(TRACK_SOCKETS)
      await page.clock.install()
      return { page, cdp: await context.newCDPSession(page) }
    }
    const wall = await openPage({ width: 1920, height: 1080 })
    await wall.page.goto(wallUrl)
    const board = await openPage({ width: 1600, height: 1000 })
    const boardUrl = `${http.url}/board/${encodeURIComponent(seed.boardId)}`
    await board.page.goto(boardUrl)
    await board.page.getByTestId('login-username').fill(TEST_ADMIN_USERNAME)
    await board.page.getByTestId('login-password').fill(TEST_ADMIN_PASSWORD)
    await board.page.getByTestId('login-submit').click()
    await board.page.getByTestId('login-username').waitFor({ state: 'detached', timeout: TIMEOUT_MS })
    await board.page.locator('[data-project-id]').first().waitFor({ timeout: TIMEOUT_MS })
    await wall.page.locator('.sw-map [data-testid="map-point"]').first().waitFor({ state: 'attached', timeout: TIMEOUT_MS })

    const doc = seed.doc
    const random = createPrng(8)
    const units = [...new Set(listProjects(doc).map((project) => project.unit))]
    const events = { moves: 0, notes: 0, meetings: 0, reconnects: 0 }
    const samples: DaySample[] = []
    let meetingId: ReturnType<typeof startMeeting> | undefined
    for (let hour = 0; hour < options.hours; hour++) {
      const inMeeting = MEETING_HOURS.has(hour)
      if (inMeeting && !meetingId) {
        meetingId = startMeeting(
          doc,
          { title: `第${events.meetings + 1}次调度会`, date: todayInChina(), attendees: units, agenda: units },
          boardTotals(listProjects(doc)),
          chair,
        )
        events.meetings++
      }
      const moves = inMeeting ? MOVES_PER_HOUR.meeting : MOVES_PER_HOUR.quiet
      const steps = moves + NOTES_PER_HOUR + RECONNECTS_PER_HOUR + (inMeeting ? 4 : 0)
      const kinds = [
        ...Array<string>(moves).fill('move'),
        ...Array<string>(NOTES_PER_HOUR).fill('note'),
        ...Array<string>(RECONNECTS_PER_HOUR).fill('reconnect'),
        ...Array<string>(inMeeting ? 4 : 0).fill('turn'),
      ]
      const stepMs = (options.secondsPerHour * 1000) / steps
      for (const kind of kinds.sort(() => random.next() - 0.5)) {
        const project = random.pick(listProjects(doc))
        if (kind === 'move') {
          moveProject(doc, project.id, { stage: random.pick(STAGES.filter((stage) => stage !== project.stage)) })
          events.moves++
        } else if (kind === 'note') {
          updateProject(doc, project.id, { progressNote: `第${hour + 1}小时：${project.name}现场施工正常推进，完成工程量${random.int(10, 95)}%。` })
          events.notes++
        } else if (kind === 'reconnect') {
          await dropConnections(random.chance(0.5) ? wall.page : board.page)
          events.reconnects++
        } else if (meetingId) {
          setReportingUnit(doc, meetingId, random.pick(units))
          recordDecision(
            doc,
            { meetingId, projectId: project.id, content: `协调解决${project.name}用地问题`, assignee: project.unit, deadline: todayInChina() },
            chair,
          )
        }
        await new Promise((resolve) => setTimeout(resolve, stepMs))
      }
      if (!MEETING_HOURS.has(hour + 1) && meetingId) {
        endMeeting(doc, meetingId, boardTotals(listProjects(doc)))
        meetingId = undefined
      }
      // The rest of the hour passes at once on the pages' clocks: every due timer fires (once).
      for (const { page } of [wall, board]) await page.clock.fastForward(HOUR_MS - options.secondsPerHour * 1000)
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      samples.push({ hour: hour + 1, wall: await pageMemory(wall.cdp), board: await pageMemory(board.cdp), serverRssBytes: rssBytes(server.pid) })
    }
    return { ...options, events, samples }
  } finally {
    seed.close()
    await browser.close()
    await server.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

/** Growth from the first sample after warm-up (hour 1) to the last, as a fraction. */
export function dayGrowth(samples: readonly DaySample[], pick: (sample: DaySample) => number): number {
  const first = samples[0]
  const last = samples.at(-1)
  return first && last ? pick(last) / pick(first) - 1 : Number.NaN
}
