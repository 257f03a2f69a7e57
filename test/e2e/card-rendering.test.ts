import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { moveProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { STAGES } from '@guatu/shared/domain/stage'
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

/**
 * Counts, per project, the renders of the component around each card's element, the way React
 * DevTools tells a rendered fiber from one that bailed out (the PerformedWork flag): React calls a
 * DevTools hook on every commit, production builds included.
 */
function countCardRenders(): void {
  const renders = new Map<string, number>()
  ;(window as unknown as { __cardRenders: Map<string, number> }).__cardRenders = renders
  interface Fiber {
    tag: number
    flags: number
    child: Fiber | null
    sibling: Fiber | null
    return: Fiber | null
    stateNode: unknown
  }
  const PERFORMED_WORK = 1
  const COMPONENT_TAGS = new Set([0, 11, 14, 15])
  const visit = (fiber: Fiber | null): void => {
    for (let node = fiber; node; node = node.sibling) {
      const element = node.stateNode
      if (node.tag === 5 && element instanceof HTMLElement && element.classList.contains('card') && element.dataset.projectId) {
        let owner = node.return
        while (owner && !COMPONENT_TAGS.has(owner.tag)) owner = owner.return
        if (owner && (owner.flags & PERFORMED_WORK) !== 0) renders.set(element.dataset.projectId, (renders.get(element.dataset.projectId) ?? 0) + 1)
      }
      visit(node.child)
    }
  }
  ;(window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => undefined,
    onScheduleFiberRoot: () => undefined,
    onCommitFiberUnmount: () => undefined,
    onPostCommitFiberRoot: () => undefined,
    onCommitFiberRoot: (_id: number, root: { current: Fiber }) => visit(root.current),
  }
}

/**
 * The demo board signed in as the office at OFFICE_SCREEN, with a second client on the same board;
 * `beforeLoad` runs in the page's context before any of its scripts.
 */
async function openDemoBoard(beforeLoad?: () => void): Promise<{ page: Page; client: ReturnType<typeof connectClient> }> {
  const server = await startServer({ demo: true })
  const client = connectClient(server, DEMO_BOARD)
  await waitForDoc(client.doc, (doc) => listProjects(doc).length > 100, { message: 'the demo board to be seeded' })
  const browser = await launchBrowser()
  const context = await browser.newContext({ viewport: OFFICE_SCREEN, locale: 'zh-CN' })
  if (beforeLoad) await context.addInitScript(beforeLoad)
  const page = await context.newPage()
  await signInThroughLoginPage(page, `${server.url}/board/${DEMO_BOARD}`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
  await page.locator('.card[data-project-id]').first().waitFor({ timeout: UI_TIMEOUT_MS })
  return { page, client }
}

describe('cards on the board', () => {
  test('a colleague’s move re-renders the cards it moves, not every card on the board', async () => {
    const { page, client: mover } = await openDemoBoard(countCardRenders)
    const mounted = await page.locator('.card[data-project-id]').count()
    await page.evaluate(() => (window as unknown as { __cardRenders: Map<string, number> }).__cardRenders.clear())
    const before = await page.evaluate(() => (window as unknown as { __cardRenders: Map<string, number> }).__cardRenders.size)
    expect(before).toBe(0)

    const moves = listProjects(mover.doc)
      .slice(0, 60)
      .filter((_, index) => index % 6 === 0)
    for (const project of moves) {
      moveProject(mover.doc, project.id, { stage: STAGES[(STAGES.indexOf(project.stage) + 1) % STAGES.length]! })
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
    // Every move shown: each column's count in its header is the mover's.
    const expected = Object.fromEntries(STAGES.map((stage) => [stage, listProjects(mover.doc).filter((project) => project.stage === stage).length]))
    await page.waitForFunction(
      (counts) =>
        Object.entries(counts).every(
          ([stage, count]) => document.querySelector(`[data-testid="column-count-${stage}"]`)?.getAttribute('data-value') === String(count),
        ),
      expected,
      { timeout: UI_TIMEOUT_MS },
    )
    await page.waitForTimeout(500)
    const renders = await page.evaluate(() => [...(window as unknown as { __cardRenders: Map<string, number> }).__cardRenders.entries()])
    const total = renders.reduce((sum, [, count]) => sum + count, 0)
    // Each moved card mounts in its new column, and a few neighbours render as the cells settle;
    // before, every mounted card rendered again on every move (ten times the board for ten moves).
    expect(mounted, 'the board mounts many cards').toBeGreaterThan(60)
    expect(total, `renders of ${renders.length} cards for ${moves.length} moves: ${JSON.stringify(renders)}`).toBeLessThan(mounted)
    expect(total, 'the hook saw the moved cards render').toBeGreaterThanOrEqual(moves.length)
  })

  test('cards out of sight are skipped by the renderer, cards in sight are whole, and a hovered card’s light tip is not clipped', async () => {
    const { page } = await openDemoBoard()

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
