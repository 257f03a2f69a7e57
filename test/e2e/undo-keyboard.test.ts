import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { ProjectId } from '@guatu/shared/domain/project'
import type { Stage } from '@guatu/shared/domain/stage'
import { artifactPath, launchBrowser } from '../helpers/browser.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { createBoard, fetchBoard } from '../helpers/rest.ts'
import { moveRightWithKeyboard, openBoard, waitForAnnouncement } from '../helpers/keyboardBoard.ts'
import { startServer } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 15_000
const card = (id: string) => `[data-testid="card-${id}"]`
const inColumn = (stage: Stage, id: string) => `[data-testid="column-${stage}"] ${card(id)}`

/** A server with one board of four 谋划 cards and one 签约 card, and two signed-in pages on it. */
async function openTwoPages() {
  if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error('build the client first (pnpm --filter @guatu/client build)')
  const server = await startServer()
  const board = await createBoard(server, '撤销与键盘测试')
  const seeder = connectClient(server, board.id, { acks: true })
  await seeder.waitSynced()
  const ids: ProjectId[] = (['planning', 'planning', 'planning', 'planning', 'signed'] as const).map((stage, i) =>
    createProject(seeder.doc, { name: `键盘项目${i + 1}`, stage, unit: '发改局', totalInvestment: '1000' as WanAmount }),
  )
  await waitForDoc(seeder.doc, (doc) => listProjects(doc).length === ids.length, { message: 'seeded cards' })
  await seeder.waitSaved()
  const browser = await launchBrowser()
  const errors: string[] = []
  const url = `${server.url}/board/${encodeURIComponent(board.id)}`
  const a = await openBoard(browser, url, errors)
  const b = await openBoard(browser, url, errors)
  for (const page of [a.page, b.page]) {
    await page.waitForSelector(inColumn('planning', ids[0] as ProjectId), { timeout: UI_TIMEOUT_MS })
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-synced'), { timeout: UI_TIMEOUT_MS }).toBe('true')
  }
  return { server, board, ids, a: a.page, b: b.page, errors }
}

async function storedStage(server: Awaited<ReturnType<typeof startServer>>, boardId: string, id: ProjectId): Promise<Stage | undefined> {
  const { projects } = await fetchBoard(server, boardId)
  return projects.find((project) => project.id === id)?.stage
}

const focusedCardId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-project-id') ?? null)

describe('undo and keyboard', () => {
  test('Ctrl+Z undoes my own move and leaves the move another person made in between', async () => {
    const { server, board, ids, a, b, errors } = await openTwoPages()
    const [x, y] = ids as [ProjectId, ProjectId]
    const undoButton = a.getByRole('button', { name: '撤销', exact: true })
    expect(await undoButton.isDisabled()).toBe(true)

    await moveRightWithKeyboard(a, x, 'signed', '签约')
    await b.waitForSelector(inColumn('signed', x), { timeout: UI_TIMEOUT_MS })
    await moveRightWithKeyboard(b, y, 'signed', '签约')
    await a.waitForSelector(inColumn('signed', y), { timeout: UI_TIMEOUT_MS })
    expect(await undoButton.isDisabled()).toBe(false)

    await a.keyboard.press('Control+z')
    for (const page of [a, b]) {
      await page.waitForSelector(inColumn('planning', x), { timeout: UI_TIMEOUT_MS })
      expect(await page.locator(inColumn('signed', y)).count()).toBe(1)
    }
    await expect.poll(() => storedStage(server, board.id, x), { timeout: UI_TIMEOUT_MS }).toBe('planning')
    expect(await storedStage(server, board.id, y)).toBe('signed')
    expect(await undoButton.isDisabled()).toBe(true)

    // Redo puts my move back, again without touching the other one.
    await a.keyboard.press('Control+Shift+z')
    await b.waitForSelector(inColumn('signed', x), { timeout: UI_TIMEOUT_MS })
    await expect.poll(() => storedStage(server, board.id, x), { timeout: UI_TIMEOUT_MS }).toBe('signed')
    expect(await storedStage(server, board.id, y)).toBe('signed')
    await a.screenshot({ path: await artifactPath('undo-own-move.png') })
    expect(errors).toEqual([])
  })

  test('with the keyboard alone a card is reached by Tab and arrows and moved to the next column, and another page sees it', async () => {
    const { server, board, ids, a, b, errors } = await openTwoPages()
    const planningOrder = await a
      .locator('[data-testid="column-planning"] [data-project-id]')
      .evaluateAll((cards) => cards.map((element) => element.getAttribute('data-project-id')))
    const target = planningOrder[2] as ProjectId

    // Roving tabindex: the board is one tab stop.
    expect(await a.locator('[data-project-id][tabindex="0"]').count()).toBe(1)
    let focused: string | null = null
    for (let presses = 0; presses < 60 && !focused; presses++) {
      await a.keyboard.press('Tab')
      focused = await focusedCardId(a)
    }
    expect(focused, 'Tab enters the board at the first card').toBe(planningOrder[0])
    for (let presses = 0; presses < 5 && focused !== target; presses++) {
      await a.keyboard.press('ArrowDown')
      focused = await focusedCardId(a)
    }
    expect(focused).toBe(target)
    // Right and back left again: focus crosses columns (at the same height as far as the column
    // goes) without picking anything up.
    await a.keyboard.press('ArrowRight')
    expect(await focusedCardId(a)).toBe(ids[4])
    await a.keyboard.press('ArrowLeft')
    expect(await focusedCardId(a)).toBe(planningOrder[0])
    await a.keyboard.press('ArrowDown')
    await a.keyboard.press('ArrowDown')
    expect(await focusedCardId(a)).toBe(target)

    await a.keyboard.press('Space')
    await a.waitForSelector(`${card(target)}.card-placeholder`, { timeout: UI_TIMEOUT_MS })
    await waitForAnnouncement(a, '谋划列第3个，共4个')
    await a.keyboard.press('ArrowRight')
    await waitForAnnouncement(a, '移到签约列')
    await a.keyboard.press('Space')
    await waitForAnnouncement(a, '已放下')

    await b.waitForSelector(inColumn('signed', target), { timeout: UI_TIMEOUT_MS })
    expect(await b.locator(inColumn('planning', target)).count()).toBe(0)
    await expect.poll(() => storedStage(server, board.id, target), { timeout: UI_TIMEOUT_MS }).toBe('signed')
    // Focus stays on the card that was moved.
    expect(await focusedCardId(a)).toBe(target)
    expect(errors).toEqual([])
  })
})
