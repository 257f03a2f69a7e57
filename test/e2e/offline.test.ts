import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { ProjectId } from '@guatu/shared/domain/project'
import type { Stage } from '@guatu/shared/domain/stage'
import { artifactPath, launchBrowser } from '../helpers/browser.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { createBoard, fetchBoard } from '../helpers/rest.ts'
import { moveRightWithKeyboard, openBoard } from '../helpers/keyboardBoard.ts'
import { startServer } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 15_000
const card = (id: string) => `[data-testid="card-${id}"]`
const inColumn = (stage: Stage, id: string) => `[data-testid="column-${stage}"] ${card(id)}`

describe('offline board', () => {
  test('moves made offline are counted as unsynced, reach others on reconnect, and the cached board opens without the server', async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error('build the client first (pnpm --filter @guatu/client build)')
    const server = await startServer()
    const board = await createBoard(server, '离线测试')
    const seeder = connectClient(server, board.id, { acks: true })
    await seeder.waitSynced()
    const ids: ProjectId[] = (['planning', 'planning', 'planning', 'signed'] as const).map((stage, i) =>
      createProject(seeder.doc, { name: `离线项目${i + 1}`, stage, unit: '发改局', totalInvestment: '1000' as WanAmount }),
    )
    await waitForDoc(seeder.doc, (doc) => listProjects(doc).length === ids.length, { message: 'seeded cards' })
    await seeder.waitSaved()
    const [first, second] = ids as [ProjectId, ProjectId]

    const browser = await launchBrowser()
    const errors: string[] = []
    const url = `${server.url}/board/${encodeURIComponent(board.id)}`
    const a = await openBoard(browser, url, errors)
    const b = await openBoard(browser, url, errors)
    await a.page.waitForSelector(inColumn('planning', first), { timeout: UI_TIMEOUT_MS })
    await b.page.waitForSelector(inColumn('planning', first), { timeout: UI_TIMEOUT_MS })
    const statusA = a.page.getByTestId('connection-status')
    await expect.poll(() => statusA.getAttribute('data-synced'), { timeout: UI_TIMEOUT_MS }).toBe('true')

    await a.context.setOffline(true)
    await expect.poll(() => statusA.textContent(), { timeout: UI_TIMEOUT_MS, message: 'the indicator to say 离线' }).toContain('离线')
    await moveRightWithKeyboard(a.page, first, 'signed', '签约')
    await moveRightWithKeyboard(a.page, second, 'signed', '签约')
    await a.page.waitForSelector(inColumn('signed', second), { timeout: UI_TIMEOUT_MS })
    const savedA = a.page.getByTestId('saved-status')
    await expect.poll(() => savedA.textContent(), { timeout: UI_TIMEOUT_MS }).toBe('2 项未同步')
    expect(await statusA.textContent()).toContain('离线')
    await a.page.screenshot({ path: await artifactPath('offline-two-unsynced.png') })
    // Nothing left the page: the other page still shows both cards where they were.
    expect(await b.page.locator(inColumn('planning', first)).count()).toBe(1)
    expect(await b.page.locator(inColumn('planning', second)).count()).toBe(1)

    await a.context.setOffline(false)
    await b.page.waitForSelector(inColumn('signed', first), { timeout: UI_TIMEOUT_MS })
    await b.page.waitForSelector(inColumn('signed', second), { timeout: UI_TIMEOUT_MS })
    await expect.poll(() => savedA.textContent(), { timeout: UI_TIMEOUT_MS, message: 'the moves to be acknowledged' }).toBe('已保存')
    const stored = await fetchBoard(server, board.id)
    const stageOf = (id: ProjectId) => stored.projects.find((project) => project.id === id)?.stage
    expect([stageOf(first), stageOf(second)]).toEqual(['signed', 'signed'])

    // Without the sync server (its socket refused), a new page of the same browser profile shows the
    // board from IndexedDB, with both moves. The page itself needs the HTTP server: there is no
    // service worker, and the HTML is served `no-cache`.
    await a.page.close()
    await a.context.routeWebSocket(/\/sync\//, (socket) => socket.close({ code: 3000, reason: 'sync blocked by the test' }))
    const cached = await a.context.newPage()
    cached.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
    await cached.goto(url)
    await cached.waitForSelector(inColumn('signed', first), { timeout: UI_TIMEOUT_MS })
    await cached.waitForSelector(inColumn('signed', second), { timeout: UI_TIMEOUT_MS })
    expect(await cached.getByTestId('connection-status').getAttribute('data-synced')).toBe('false')
    expect(await cached.locator('[data-project-id]').count()).toBe(ids.length)
    await cached.screenshot({ path: await artifactPath('offline-from-cache.png') })
    expect(readProject(seeder.doc, first)?.stage).toBe('signed')
    expect(errors).toEqual([])
  })
})
