import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Stage } from '@guatu/shared/domain/stage'
import { signInThroughLoginPage } from './browser.ts'
import { TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from './server.ts'

const UI_TIMEOUT_MS = 15_000
const card = (id: string) => `[data-testid="card-${id}"]`
const inColumn = (stage: Stage, id: string) => `[data-testid="column-${stage}"] ${card(id)}`

/** A fresh browser context signed in as the admin through the login page, showing `url`; page errors are collected. */
export async function openBoard(browser: Browser, url: string, errors: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
  await signInThroughLoginPage(page, url, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
  return { context, page }
}

/** What dnd-kit's live region says (the Chinese announcements); waiting on it paces the keyboard drag. */
export async function waitForAnnouncement(page: Page, text: string): Promise<void> {
  try {
    await page.waitForFunction(
      (expected) => [...document.querySelectorAll('[id^="DndLiveRegion"]')].some((region) => region.textContent?.includes(expected)),
      text,
      { timeout: UI_TIMEOUT_MS },
    )
  } catch (error) {
    const said = await page.evaluate(() => ({
      regions: [...document.querySelectorAll('[id^="DndLiveRegion"]')].map((region) => region.textContent),
      focused: document.activeElement?.outerHTML.slice(0, 200),
    }))
    throw new Error(`no announcement containing "${text}": ${JSON.stringify(said)}`, { cause: error })
  }
}

/**
 * Keyboard only: focus the card, Space picks it up, ArrowRight moves it one column, Space drops it.
 * Starts once the cards have stopped moving, as a person would: dnd-kit measures the columns when a
 * drag starts, and cards still sliding after the last drop would give it the old places.
 */
export async function moveRightWithKeyboard(page: Page, id: string, to: Stage, toLabel: string): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'), undefined, { timeout: UI_TIMEOUT_MS })
  await page.locator(card(id)).focus()
  await page.keyboard.press('Space')
  await page.waitForSelector(`${card(id)}.card-placeholder`, { timeout: UI_TIMEOUT_MS })
  await page.keyboard.press('ArrowRight')
  await waitForAnnouncement(page, `移到${toLabel}列`)
  await page.waitForSelector(inColumn(to, id), { timeout: UI_TIMEOUT_MS })
  await page.keyboard.press('Space')
  await waitForAnnouncement(page, '已放下')
  await page.waitForSelector(`${inColumn(to, id)}:not(.card-placeholder)`, { timeout: UI_TIMEOUT_MS })
}
