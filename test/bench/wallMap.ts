/**
 * The wall screen's map tile with a board of N placed projects, in Debian's chromium: time from
 * navigation start until the chart has drawn every point (clustered as the tile's scale asks), and
 * time from a card move sent by another client until the moved point shows its new stage.
 *
 * `wallMapFigures(n)` starts its own Guatu server; `bench/wallMapRun.ts [--quick]` runs it alone.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import * as Y from 'yjs'
import { readBoardSettings, writeBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import { moveProject } from '@guatu/shared/board/projectCommands'
import { placeProject } from '@guatu/shared/board/coordinateCommands'
import { countProjects, listProjects } from '@guatu/shared/board/projectQueries'
import { generateDemoLedger } from '@guatu/shared/demo/generateLedger'
import { demoProjectId, seedBoardDoc } from '@guatu/shared/demo/seedBoard'
import { CoordinateSource } from '@guatu/shared/domain/coordinates'
import { WallMap } from '@guatu/shared/progress/boardSettings'
import { TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/credentials.ts'
import { CHROMIUM_PATH } from '../helpers/paths.ts'
import { ServerKind, guatuHttp, startServer } from './benchServers.ts'
import { RawClient } from './rawClient.ts'

export interface WallMapFigures {
  projects: number
  /** Navigation start (signed in, offline cache cleared) until the map tile drew every point, median. */
  drawnMs: number
  /** From the map tile holding every project (the wall has its data) until the chart drew them, median. */
  mapMs: number
  /** A move sent by another client until the wall lists the point in its new stage, median. */
  moveMs: number
  loads: number
}

const TIMEOUT_MS = 120_000

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/** Deterministic spots scattered over a made-up county of about 0.9° by 0.7°. */
function spot(index: number): { lng: number; lat: number } {
  return { lng: 108.5 + ((index * 7919) % 9001) / 10_000, lat: 33.9 + ((index * 104_729) % 7001) / 10_000 }
}

export async function wallMapFigures(projects: number, loads: number): Promise<WallMapFigures> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-bench-wallmap-'))
  const server = await startServer(ServerKind.guatu, dataDir)
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu'] })
  try {
    const boardId = await server.createBoard(`wallmap-${projects}`)
    const doc = new Y.Doc()
    const ids = seedBoardDoc(doc, generateDemoLedger({ count: projects }), { idForIndex: demoProjectId })
    ids.forEach((id, index) => placeProject(doc, id, { ...spot(index), source: CoordinateSource.import }))
    writeBoardSettings(doc, { ...readBoardSettings(doc, new Date().getFullYear()), wallMap: WallMap.replaceIndustry })
    const seeder = new RawClient(server.endpoint(boardId), { doc })
    await seeder.synced
    const check = new Y.Doc()
    const reader = new RawClient(server.endpoint(boardId), { doc: check })
    await reader.synced
    while (countProjects(check) < projects || listProjects(check).some((project) => !project.coordinates))
      await new Promise((resolve) => setTimeout(resolve, 50))
    reader.close()

    const context = await browser.newContext({ viewport: { width: 3840, height: 2160 }, locale: 'zh-CN' })
    const page = await context.newPage()
    const url = `${guatuHttp(server).url}/screen/${encodeURIComponent(boardId)}`
    await page.goto(url)
    await page.getByTestId('login-username').fill(TEST_ADMIN_USERNAME)
    await page.getByTestId('login-password').fill(TEST_ADMIN_PASSWORD)
    await page.getByTestId('login-submit').click()
    await page.getByTestId('login-username').waitFor({ state: 'detached', timeout: TIMEOUT_MS })

    const drawn: number[] = []
    const moved: number[] = []
    const mapped: number[] = []
    const planning = listProjects(doc).filter((project) => project.stage === 'planning')
    for (let load = 0; load < loads; load++) {
      await page.evaluate(async () => {
        for (const db of await indexedDB.databases()) if (db.name) indexedDB.deleteDatabase(db.name)
      })
      await page.goto(url)
      await page.waitForFunction((total) => document.querySelector(`.sw-map[data-placed="${total}"]`) !== null, projects, {
        timeout: TIMEOUT_MS,
        polling: 'raf',
      })
      const placedAt = await page.evaluate(() => performance.now())
      await page.waitForFunction((total) => document.querySelector(`.sw-map [data-testid="map-chart"][data-drawn-points="${total}"]`) !== null, projects, {
        timeout: TIMEOUT_MS,
        polling: 'raf',
      })
      const drawnAt = await page.evaluate(() => performance.now())
      drawn.push(drawnAt)
      mapped.push(drawnAt - placedAt)

      const moving = planning[load]
      if (!moving) throw new Error('not enough projects in 谋划 to move')
      const sentAt = Date.now()
      moveProject(doc, moving.id, { stage: 'started' })
      const shownAt = await page.waitForFunction(
        (id) =>
          document.querySelector(`.sw-map [data-testid="map-point"][data-project-id="${id}"]`)?.getAttribute('data-stage') === 'started' ? Date.now() : 0,
        moving.id,
        { timeout: TIMEOUT_MS, polling: 'raf' },
      )
      moved.push(((await shownAt.jsonValue()) as number) - sentAt)
    }
    seeder.close()
    const round = (value: number) => Math.round(value)
    return { projects, drawnMs: round(median(drawn)), mapMs: round(median(mapped)), moveMs: round(median(moved)), loads }
  } finally {
    await browser.close()
    await server.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}
