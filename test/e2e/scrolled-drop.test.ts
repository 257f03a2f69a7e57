import { describe, expect, test } from 'vitest'
import { createProjects } from '@guatu/shared/board/projectCommands'
import { readColumn } from '@guatu/shared/board/projectQueries'
import type { ProjectId } from '@guatu/shared/domain/project'
import { artifactPath, launchBrowser } from '../helpers/browser.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { openBoard } from '../helpers/keyboardBoard.ts'
import { createBoard } from '../helpers/rest.ts'
import { startServer } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 15_000
const LONG_COLUMN = 150

describe('dropping into a long, scrolled column', () => {
  test('a card dropped between two cards far down a scrolled column is saved exactly there', async () => {
    const server = await startServer()
    const board = await createBoard(server, '长列拖放', 2022)
    const seeder = connectClient(server, board.id)
    await seeder.waitSynced()
    createProjects(seeder.doc, [
      { fields: { name: '待移动项目', unit: '工信局', stage: 'planning' } },
      ...Array.from({ length: LONG_COLUMN }, (_, index) => ({
        fields: { name: `开工项目${String(index + 1).padStart(3, '0')}`, unit: '工信局', stage: 'started' as const },
      })),
    ])
    const observer = connectClient(server, board.id)
    await waitForDoc(observer.doc, (doc) => readColumn(doc, 'started').length === LONG_COLUMN, { message: 'the long column to be stored' })
    const moving = readColumn(observer.doc, 'planning')[0]!.id

    const browser = await launchBrowser()
    const { page } = await openBoard(browser, `${server.url}/board/${board.id}`, [])
    await page.locator(`[data-testid="card-${moving}"]`).waitFor({ timeout: UI_TIMEOUT_MS })
    // Scroll the 开工 column (it scrolls on its own) until a card deep in it is mounted and centred.
    const target = readColumn(observer.doc, 'started')[80]!.id as ProjectId
    const cell = page.locator('[data-testid="column-started"] .column-cards')
    await expect
      .poll(
        async () => {
          await cell.evaluate((element) => element.scrollBy(0, 300))
          return page.locator(`[data-testid="card-${target}"]`).count()
        },
        { timeout: UI_TIMEOUT_MS },
      )
      .toBe(1)
    await page.locator(`[data-testid="card-${target}"]`).evaluate((element) => element.scrollIntoView({ block: 'center' }))
    const from = await page.locator(`[data-testid="card-${moving}"]`).boundingBox()
    const onto = await page.locator(`[data-testid="card-${target}"]`).boundingBox()
    if (!from || !onto) throw new Error('the moving card or the target card is not on screen')
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
    await page.mouse.down()
    await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 4, { steps: 3 })
    // Release over the upper half of the target card: the card lands just before it.
    await page.mouse.move(onto.x + onto.width / 2, onto.y + onto.height * 0.3, { steps: 20 })
    await page.mouse.move(onto.x + onto.width / 2, onto.y + onto.height * 0.3, { steps: 5 })
    await page.screenshot({ path: await artifactPath('scrolled-drop-before-release.png') })
    await page.mouse.up()

    await waitForDoc(observer.doc, (doc) => readColumn(doc, 'started').some((card) => card.id === moving), { message: 'the move to reach another client' })
    const column = readColumn(observer.doc, 'started').map((card) => card.id)
    const landed = column.indexOf(moving)
    const targetIndex = column.indexOf(target)
    // Before or right after the card it was dropped on, not at the top of the column.
    expect(Math.abs(landed - targetIndex)).toBeLessThanOrEqual(1)
  })
})
