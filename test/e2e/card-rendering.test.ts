import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { artifactPath, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { startServer, TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 15_000
const DEMO_BOARD = 'demo'
const OFFICE_SCREEN = { width: 1600, height: 1000 }

/** Cards whose contents the browser renders, and cards it skips (content-visibility), by column. */
async function renderedCards(page: Page): Promise<{ rendered: number; skipped: number; skippedInView: number }> {
  return page.evaluate(() => {
    const cards = [...document.querySelectorAll<HTMLElement>('.card[data-project-id]')]
    let rendered = 0
    let skipped = 0
    let skippedInView = 0
    for (const card of cards) {
      const body = card.querySelector('.card-body')
      if (!body) continue
      if (body.checkVisibility({ contentVisibilityAuto: true })) rendered += 1
      else {
        skipped += 1
        const box = card.getBoundingClientRect()
        if (box.bottom > 0 && box.top < window.innerHeight && box.right > 0 && box.left < window.innerWidth) skippedInView += 1
      }
    }
    return { rendered, skipped, skippedInView }
  })
}

describe('cards on the board', () => {
  test('cards out of sight are skipped by the renderer, cards in sight are whole, and a hovered card’s light tip is not clipped', async () => {
    const server = await startServer({ demo: true })
    const reader = connectClient(server, DEMO_BOARD)
    await waitForDoc(reader.doc, (doc) => listProjects(doc).length > 100, { message: 'the demo board to be seeded' })
    const browser = await launchBrowser()
    const context = await browser.newContext({ viewport: OFFICE_SCREEN, locale: 'zh-CN' })
    const page = await context.newPage()
    await signInThroughLoginPage(page, `${server.url}/board/${DEMO_BOARD}`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    await page.locator('.card[data-project-id]').first().waitFor({ timeout: UI_TIMEOUT_MS })

    // The demo's 159 cards: those mounted far down a column are neither laid out nor painted.
    await page.waitForFunction(() => document.querySelectorAll('.card[data-project-id]').length > 40)
    const cards = await renderedCards(page)
    expect(cards.skipped, 'cards far down the columns are skipped').toBeGreaterThan(20)
    expect(cards.rendered, 'the cards in sight are rendered').toBeGreaterThan(8)
    expect(cards.skippedInView, 'no card in sight is skipped').toBe(0)

    // A card with a light shows the rules behind it on hover, below its own box: not clipped by
    // the containment that skipping brings (the hovered card is left whole).
    const lit = page.locator('.card[data-project-id][aria-describedby]').first()
    await lit.scrollIntoViewIfNeeded()
    await lit.hover()
    const tip = lit.locator('.card-light-tip')
    await tip.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    const cardBox = await lit.boundingBox()
    const tipBox = await tip.boundingBox()
    if (!cardBox || !tipBox) throw new Error('the card and its tip should have boxes')
    expect(tipBox.y + tipBox.height, 'the tip reaches below the card').toBeGreaterThan(cardBox.y + cardBox.height + 10)
    const below = { x: tipBox.x + tipBox.width / 2, y: (cardBox.y + cardBox.height + tipBox.y + tipBox.height) / 2 }
    const hit = await page.evaluate(({ x, y }) => Boolean(document.elementFromPoint(x, y)?.closest('.card-light-tip')), below)
    expect(hit, 'the part of the tip below the card is what the person sees there').toBe(true)
    await page.screenshot({ path: await artifactPath('card-light-tip.png') })

    // Scrolled down, the cards that come into sight are rendered.
    await page.locator('.card[data-project-id]').last().scrollIntoViewIfNeeded()
    await page.waitForFunction(() => {
      const last = [...document.querySelectorAll('.card[data-project-id] .card-body')].at(-1)
      return last?.checkVisibility({ contentVisibilityAuto: true }) === true
    })
    expect((await renderedCards(page)).skippedInView).toBe(0)
  })
})
