import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { createProject, moveProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readColumn, readProject } from '@guatu/shared/board/projectQueries'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { ProjectId } from '@guatu/shared/domain/project'
import type { Stage } from '@guatu/shared/domain/stage'
import { artifactPath, launchBrowser, dragCardToColumn, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { createBoard } from '../helpers/rest.ts'
import { startServer, TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 15_000

const column = (stage: Stage) => `[data-testid="column-${stage}"]`
const card = (id: string) => `[data-testid="card-${id}"]`

/** A fresh browser context (no cookies) that signs in as the admin through the login page, then shows `url`. */
async function openBoard(browser: Browser, url: string, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
  await signInThroughLoginPage(page, url, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
  return page
}

/** The first integer in a column counter ("3", "3 个", "共3项"). */
async function readCount(page: Page, stage: Stage): Promise<number> {
  const text = (await page.locator(`[data-testid="column-count-${stage}"]`).textContent({ timeout: UI_TIMEOUT_MS })) ?? ''
  const match = /\d+/.exec(text)
  if (!match) throw new Error(`column-count-${stage} shows no number: "${text}"`)
  return Number(match[0])
}

const SEEDED_STAGES: Stage[] = ['planning', 'planning', 'planning', 'signed', 'started', 'producing']

/** A server with one board of six cards, a Node client watching it, and two browser pages on it. */
async function openSeededBoard() {
  if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) {
    throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first (pnpm --filter @guatu/client build)`)
  }
  const server = await startServer()
  const board = await createBoard(server, '拖动测试')
  const seeder = connectClient(server, board.id)
  await seeder.waitSynced()
  const ids: ProjectId[] = SEEDED_STAGES.map((stage, i) =>
    createProject(seeder.doc, {
      name: `拖动测试项目${i + 1}`,
      stage,
      unit: '发改局',
      totalInvestment: String(10000 * (i + 1)) as WanAmount,
    }),
  )
  const watcher = connectClient(server, board.id)
  await waitForDoc(watcher.doc, (doc) => listProjects(doc).length === ids.length, { message: 'the seeded cards to be stored' })

  const browser = await launchBrowser()
  const errors: string[] = []
  const boardUrl = `${server.url}/board/${encodeURIComponent(board.id)}`
  const pageA = await openBoard(browser, boardUrl, errors)
  const pageB = await openBoard(browser, boardUrl, errors)
  for (const page of [pageA, pageB]) {
    await page.waitForSelector(`${column('planning')} ${card(ids[0] as ProjectId)}`, { timeout: UI_TIMEOUT_MS })
  }
  return { ids, watcher, pageA, pageB, errors }
}

describe('dragging cards in the browser', () => {
  test('a card dragged to 开工 in one browser appears in 开工 in another browser and in the stored board', async () => {
    const { ids, watcher, pageA, pageB, errors } = await openSeededBoard()
    const moving = ids[1] as ProjectId
    await pageB.waitForSelector(`${column('planning')} ${card(moving)}`, { timeout: UI_TIMEOUT_MS })
    const startedBefore = await readCount(pageB, 'started')
    const planningBefore = await readCount(pageB, 'planning')
    expect([planningBefore, startedBefore]).toEqual([3, 1])

    await dragCardToColumn(pageA, moving, 'started')

    await pageB.waitForSelector(`${column('started')} ${card(moving)}`, { timeout: UI_TIMEOUT_MS })
    expect(await pageB.locator(`${column('planning')} ${card(moving)}`).count()).toBe(0)
    expect(await pageB.locator(card(moving)).count()).toBe(1)
    await expect.poll(() => readCount(pageB, 'started'), { timeout: UI_TIMEOUT_MS }).toBe(startedBefore + 1)
    expect(await readCount(pageB, 'planning')).toBe(planningBefore - 1)

    // One drop, one command: the document has the new stage and its 实际开工时间, and nothing else moved.
    await waitForDoc(watcher.doc, (doc) => readProject(doc, moving)?.stage === 'started', {
      message: 'the server to relay the drop to a Node client',
    })
    expect(readProject(watcher.doc, moving)?.actualStartDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    for (const [i, id] of ids.entries()) {
      if (id !== moving) expect(readProject(watcher.doc, id)?.stage).toBe(SEEDED_STAGES[i])
    }

    await pageA.screenshot({ path: await artifactPath('board-drag-page-a.png'), fullPage: true })
    await pageB.screenshot({ path: await artifactPath('board-drag-page-b.png'), fullPage: true })
    expect(errors).toEqual([])
  })

  test('cards moved by another client while this page was idle are shown in order and can be dragged to an exact place', async () => {
    const { ids, watcher, pageA, errors } = await openSeededBoard()
    // Between drags the page does not hand dnd-kit the new order (CardCell.tsx): these moves arrive
    // while it is idle, then the person drags a card that only just arrived in its column.
    const arrivals = [ids[0], ids[1], ids[2], ids[3]] as ProjectId[]
    for (const id of arrivals) {
      const top = readColumn(watcher.doc, 'started')[0]!.id
      moveProject(watcher.doc, id, { stage: 'started', beforeId: top })
    }
    const expected = readColumn(watcher.doc, 'started').map((project) => project.id)
    expect(expected).toEqual([ids[3], ids[2], ids[1], ids[0], ids[4]])
    const shownOrder = () =>
      pageA.locator(`${column('started')} [data-project-id]`).evaluateAll((cards) => cards.map((element) => element.getAttribute('data-project-id')))
    await expect.poll(shownOrder, { timeout: UI_TIMEOUT_MS }).toEqual(expected)

    // The newest arrival (now on top) is carried down past three cards; where the page shows it
    // before the release is where it is stored.
    const moving = ids[3] as ProjectId
    const from = await pageA.locator(card(moving)).boundingBox()
    const onto = await pageA.locator(card(ids[0] as ProjectId)).boundingBox()
    if (!from || !onto) throw new Error('the moving card or the target card is not on screen')
    await pageA.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
    await pageA.mouse.down()
    await pageA.mouse.move(from.x + from.width / 2 + 4, from.y + from.height / 2 + 12, { steps: 3 })
    await pageA.mouse.move(onto.x + onto.width / 2, onto.y + onto.height / 2, { steps: 20 })
    await pageA.mouse.move(onto.x + onto.width / 2, onto.y + onto.height / 2, { steps: 5 })
    const shownBeforeRelease = await pageA.locator(`${column('started')} [data-project-id]`).evaluateAll((cards) =>
      cards
        .map((element) => ({ id: element.getAttribute('data-project-id'), top: element.getBoundingClientRect().top }))
        .sort((a, b) => a.top - b.top)
        .map((entry) => entry.id),
    )
    expect(shownBeforeRelease.indexOf(moving), 'the card is shown further down than where it started').toBeGreaterThan(1)
    await pageA.mouse.up()

    await waitForDoc(watcher.doc, (doc) => readColumn(doc, 'started')[0]?.id !== moving, { message: 'the drop to be stored' })
    expect(readColumn(watcher.doc, 'started').map((project) => project.id)).toEqual(shownBeforeRelease)
    await expect.poll(shownOrder, { timeout: UI_TIMEOUT_MS }).toEqual(shownBeforeRelease)
    await pageA.screenshot({ path: await artifactPath('board-drag-after-remote-moves.png'), fullPage: true })
    expect(errors).toEqual([])
  })

  test('after two drags in a row the dragging page says everything is saved (已保存)', async () => {
    const { ids, watcher, pageA, errors } = await openSeededBoard()
    await dragCardToColumn(pageA, ids[0] as ProjectId, 'signed')
    await waitForDoc(watcher.doc, (doc) => readProject(doc, ids[0] as ProjectId)?.stage === 'signed', { message: 'the first drop to be stored' })
    await dragCardToColumn(pageA, ids[2] as ProjectId, 'signed')
    await waitForDoc(watcher.doc, (doc) => readProject(doc, ids[2] as ProjectId)?.stage === 'signed', { message: 'the second drop to be stored' })

    // Both drops are stored (another client saw them), so the page must stop reporting unsaved changes.
    const savedStatus = pageA.locator('[data-testid="saved-status"]')
    await expect
      .poll(async () => (await savedStatus.textContent())?.trim(), { timeout: UI_TIMEOUT_MS, message: 'saved-status of the dragging page' })
      .toBe('已保存')
    await pageA.screenshot({ path: await artifactPath('board-drag-saved-status.png'), fullPage: true })
    expect(errors).toEqual([])
  })
})
