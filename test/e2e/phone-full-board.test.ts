import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import { Role } from '@guatu/shared/domain/role'
import { createUser } from '../helpers/accounts.ts'
import { artifactPath, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { createBoard } from '../helpers/rest.ts'
import { startServer } from '../helpers/server.ts'

const UI_TIMEOUT_MS = 15_000
const USERNAME = 'office_phone'
const PASSWORD = 'xiangmuban-phone-2025'

/**
 * Nothing scrolls sideways: neither the page nor any scrolling box inside it (the stage columns
 * included). `allowWideTables`: the 目标进度 and 排名 tables (eight and more figures a row) keep
 * their own sideways-scrolling box (.table-scroll); the page around them must still fit.
 */
async function horizontalOverflow(page: Page, allowWideTables = false): Promise<string[]> {
  return page.evaluate((allowTables) => {
    const found: string[] = []
    const root = document.scrollingElement ?? document.documentElement
    if (root.scrollWidth > window.innerWidth) found.push(`page ${root.scrollWidth}px in ${window.innerWidth}px`)
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      const table = allowTables ? element.closest('.table-scroll') : null
      if (table && table !== element) continue
      if (table) {
        if (element.getBoundingClientRect().right > window.innerWidth + 1) found.push('table-scroll box wider than the screen')
        continue
      }
      const style = getComputedStyle(element)
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll'
      if (scrolls && element.scrollWidth > element.clientWidth + 1)
        found.push(`${element.className || element.tagName} scrolls ${element.scrollWidth}/${element.clientWidth}`)
      const box = element.getBoundingClientRect()
      if (box.width > 0 && box.right > window.innerWidth + 1 && style.position !== 'fixed')
        found.push(`${element.className || element.tagName} ends at ${Math.round(box.right)}px`)
    }
    return found
  }, allowWideTables)
}

/** The header's visible items all sit on one row, and the header is no taller than one line of controls. */
async function headerRows(page: Page): Promise<{ height: number; spread: number }> {
  return page.evaluate(() => {
    const header = document.querySelector<HTMLElement>('.board-header')
    if (!header) throw new Error('no .board-header')
    const tops = [...header.querySelectorAll<HTMLElement>(':scope > *')]
      .map((child) => child.getBoundingClientRect())
      .filter((box) => box.width > 0 && box.height > 0)
      .map((box) => box.top + box.height / 2)
    return { height: header.getBoundingClientRect().height, spread: Math.max(...tops) - Math.min(...tops) }
  })
}

describe('the full board on a phone for the office (touch)', () => {
  test('at 360×740 and 430×900 the header is one line, nothing scrolls sideways, the filter sheet filters, a stage is chosen, a card opens its panel and its 当前阶段 moves it; the other pages fit as well', async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error(`${CLIENT_DIST}/index.html is missing: build the client first`)
    const server = await startServer()
    await createUser(server, { username: USERNAME, password: PASSWORD, role: Role.admin, units: [], displayName: '项目办小王' })
    const board = await createBoard(server, '全市重点项目手机查看测试')
    const desktop = connectClient(server, board.id)
    await desktop.waitSynced()
    createProject(desktop.doc, { name: '工信局新能源电池项目', stage: 'planning', unit: '工信局' })
    createProject(desktop.doc, { name: '商务局物流中心', stage: 'planning', unit: '商务局' })
    const started = createProject(desktop.doc, { name: '发改委智慧城市项目', stage: 'started', unit: '发改委' })
    await waitForDoc(desktop.doc, (doc) => listProjects(doc).length === 3, { message: 'the seeded projects' })

    const browser = await launchBrowser()
    for (const viewport of [
      { width: 360, height: 740 },
      { width: 430, height: 900 },
    ]) {
      const context = await browser.newContext({ viewport, hasTouch: true, isMobile: true, deviceScaleFactor: 2, locale: 'zh-CN' })
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
      const boardUrl = `${server.url}/board/${encodeURIComponent(board.id)}`
      await signInThroughLoginPage(page, boardUrl, USERNAME, PASSWORD)
      const width = viewport.width

      // The office gets the full board, not the department phone view: one stage at a time.
      await page.getByTestId('board').waitFor({ timeout: UI_TIMEOUT_MS })
      await expect.poll(() => page.locator('.card[data-project-id]:visible').count(), { timeout: UI_TIMEOUT_MS }).toBe(2)
      expect(await page.getByTestId('phone-view').count()).toBe(0)
      await page.screenshot({ path: await artifactPath(`full-board-${width}.png`) })
      expect(await horizontalOverflow(page), `${width} px board`).toEqual([])
      const header = await headerRows(page)
      expect(header.spread, `${width} px: header items on one row`).toBeLessThan(8)
      expect(header.height, `${width} px: header one line high`).toBeLessThan(60)

      // The less important header items are in a menu.
      await page.getByTestId('header-menu-toggle').tap()
      await page.getByTestId('nav-problems').waitFor({ state: 'visible' })
      await page.screenshot({ path: await artifactPath(`full-board-${width}-menu.png`) })
      expect(await horizontalOverflow(page), `${width} px header menu`).toEqual([])
      if (width === 360) {
        await page.getByTestId('header-menu-toggle').tap()
      } else {
        // A keyboard (a tablet's, or a leader's phone with one) closes it with Esc.
        await page.keyboard.press('Escape')
      }
      await page.getByTestId('nav-problems').waitFor({ state: 'hidden' })

      // All filters in one sheet; choosing a unit filters the board.
      await page.getByTestId('filter-toggle').tap()
      await page.getByTestId('filter-unit').waitFor({ state: 'visible' })
      await page.getByTestId('filter-unit').locator('summary').tap()
      await page.getByTestId('filter-unit-option-商务局').tap()
      await page.screenshot({ path: await artifactPath(`full-board-${width}-filters.png`) })
      expect(await horizontalOverflow(page), `${width} px filter sheet`).toEqual([])
      await page.getByTestId('filter-sheet-done').tap()
      await page.getByTestId('filter-unit').waitFor({ state: 'hidden' })
      await expect.poll(() => page.locator('.card[data-project-id]:visible').allTextContents()).toEqual([expect.stringContaining('商务局物流中心')])
      expect(await page.getByTestId('filter-summary').textContent()).toContain('商务局')
      await page.getByTestId('filter-toggle').tap()
      await page.getByTestId('filter-clear').tap()
      await page.getByTestId('filter-sheet-done').tap()

      // Another stage through the switcher; its card opens the panel.
      // The first round moves it to 投产 (below), the second back to 开工.
      const from = width === 360 ? 'started' : 'producing'
      const target = width === 360 ? 'producing' : 'started'
      await page.getByTestId(`stage-tab-${from}`).tap()
      await expect.poll(() => page.locator('.card[data-project-id]:visible').allTextContents()).toEqual([expect.stringContaining('发改委智慧城市项目')])
      expect(await horizontalOverflow(page), `${width} px one stage`).toEqual([])
      await page.getByTestId(`card-${started}`).tap()
      await page.getByTestId('project-panel').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
      await page.screenshot({ path: await artifactPath(`full-board-${width}-panel.png`) })
      expect(await horizontalOverflow(page), `${width} px panel`).toEqual([])

      // No dragging between columns on a phone: the panel's 当前阶段 moves the card.
      await page.getByTestId('project-panel').getByLabel('当前阶段').selectOption(target)
      await waitForDoc(desktop.doc, (doc) => readProject(doc, started)?.stage === target, { message: `the card moved to ${target} from the phone panel` })
      await page.getByRole('button', { name: '关闭项目详情' }).tap()
      await page.getByTestId(`stage-tab-${target}`).tap()
      await page.getByTestId(`card-${started}`).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })

      // The board's other pages fit too, with the header still one line.
      for (const subpage of ['progress', 'warnings', 'notices', 'ranking', 'problems', 'lookback', 'settings', 'meetings']) {
        await page.goto(`${boardUrl}/${subpage}`)
        await page.locator('.problems-main').waitFor({ timeout: UI_TIMEOUT_MS })
        await page.locator('.problems-main h2').first().waitFor({ timeout: UI_TIMEOUT_MS })
        expect(await horizontalOverflow(page, true), `${width} px ${subpage}`).toEqual([])
        expect((await headerRows(page)).spread, `${width} px ${subpage}: header on one row`).toBeLessThan(8)
      }
      await page.screenshot({ path: await artifactPath(`full-board-${width}-meetings.png`) })
      expect(errors).toEqual([])
      await context.close()
    }
  })
})
