import { request as httpRequest } from 'node:http'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { createProject, updateProject } from '@guatu/shared/board/projectCommands'
import type { WanAmount } from '@guatu/shared/domain/money'
import { createScreenLink } from '../helpers/accounts.ts'
import { launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient } from '../helpers/client.ts'
import { startOtherOriginSite } from '../helpers/otherOriginSite.ts'
import { createBoard } from '../helpers/rest.ts'
import { TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME, type TestServer } from '../helpers/server.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import { waitFor } from '../helpers/wait.ts'

const UI_TIMEOUT_MS = 15_000
/** The board's page links (client/src/app/BoardHeader.tsx), each a page of its own. */
const OFFICE_PAGES = ['progress', 'warnings', 'notices', 'ranking', 'problems', 'settings'] as const

/** Every CSP violation a page reports, as the console line or the DOM event says it. */
async function watchPolicyViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = []
  await context.exposeFunction('reportPolicyViolation', (text: string) => violations.push(text))
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      ;(window as unknown as { reportPolicyViolation: (text: string) => void }).reportPolicyViolation(`${event.violatedDirective} ${event.blockedURI}`)
    })
  })
  context.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text())
  })
  return violations
}

/** A board with one project, kept by an admin client the test writes through. */
async function boardWithProject(server: TestServer) {
  const board = await createBoard(server, '安全响应头', 2022)
  const admin = connectClient(server, board.id, { acks: true })
  await admin.waitSynced()
  const projectId = createProject(admin.doc, { name: '高端装备产业园', unit: '工信局', stage: 'signed', totalInvestment: '52000' as WanAmount })
  await admin.waitSaved()
  return { board, admin, projectId, boardUrl: `${server.url}/board/${encodeURIComponent(board.id)}` }
}

/** Whether the page's only child frame was refused (Chromium shows its error page instead). */
function childFrameRefused(page: Page): boolean {
  return page.frames().some((frame) => frame !== page.mainFrame() && frame.url().startsWith('chrome-error://'))
}

describe('security headers', () => {
  test('every response carries the policy, nosniff, a same-origin referrer policy, framing refused and camera, microphone and payment off; HSTS only over TLS', async () => {
    const server = await startInProcessServer()
    for (const path of ['/', '/board/x', '/screen/x?token=abc', '/api/me', '/healthz', '/assets/missing.js']) {
      const response = await fetch(`${server.url}${path}`)
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp, path).toContain("script-src 'self'")
      expect(csp, path).toContain("frame-ancestors 'none'")
      expect(csp, path).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/)
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(response.headers.get('referrer-policy'), path).toBe('same-origin')
      expect(response.headers.get('x-frame-options'), path).toBe('DENY')
      expect(response.headers.get('strict-transport-security'), path).toBeNull()
      const permissions = response.headers.get('permissions-policy') ?? ''
      expect(permissions, path).toMatch(/(^|, )camera=\(\)/)
      expect(permissions, path).toMatch(/(^|, )microphone=\(\)/)
      expect(permissions, path).toMatch(/(^|, )payment=\(\)/)
      expect(permissions, path).toMatch(/(^|, )geolocation=\(self\)/)
    }
    const behindTls = await fetch(`${server.url}/`, { headers: { 'x-forwarded-proto': 'https' } })
    expect(behindTls.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/)
    // A forged Host header cannot add a directive to the policy (fetch will not send one: raw HTTP does).
    // `;` is legal in a URL host, so the request reaches the app.
    const forgedPolicy = await new Promise<string>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port: server.port, path: '/', headers: { host: 'evil;script-src' } }, (response) => {
        response.resume()
        resolve(String(response.headers['content-security-policy']))
      })
      request.on('error', reject)
      request.end()
    })
    expect(forgedPolicy).toContain("script-src 'self'")
    expect(forgedPolicy).not.toContain('evil')
  })

  test('the board and the wall screen render and follow live changes with no policy violation', async () => {
    const server = await startInProcessServer()
    const { board, admin, projectId, boardUrl } = await boardWithProject(server)
    const link = await createScreenLink(server, board.id)
    const browser = await launchBrowser()

    const context = await browser.newContext()
    const violations = await watchPolicyViolations(context)
    const page = await context.newPage()
    await signInThroughLoginPage(page, boardUrl, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    const card = page.locator(`[data-testid="card-${projectId}"]`)
    await card.filter({ hasText: '高端装备产业园' }).waitFor({ timeout: UI_TIMEOUT_MS })
    updateProject(admin.doc, projectId, { name: '高端装备产业园（二期）' })
    await card.filter({ hasText: '高端装备产业园（二期）' }).waitFor({ timeout: UI_TIMEOUT_MS })
    // The office's other pages (charts, rankings, settings) load their own chunks under the same policy.
    for (const subpage of OFFICE_PAGES) {
      await page.getByTestId(`nav-${subpage}`).click()
      await page.waitForURL(new RegExp(`/${subpage}$`), { timeout: UI_TIMEOUT_MS })
      await page.waitForLoadState('networkidle', { timeout: UI_TIMEOUT_MS })
    }

    const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
    const wallViolations = await watchPolicyViolations(wallContext)
    const wall = await wallContext.newPage()
    await wall.goto(`${server.url}${link.url}`)
    await wall.locator('[data-testid="screen-connection"][data-state="connected"]').waitFor({ timeout: UI_TIMEOUT_MS })
    await wall.getByTestId('screen-total-count').filter({ hasText: '1' }).waitFor({ timeout: UI_TIMEOUT_MS })
    createProject(admin.doc, { name: '新材料项目', unit: '工信局', stage: 'planning' })
    await wall.getByTestId('screen-total-count').filter({ hasText: '2' }).waitFor({ timeout: UI_TIMEOUT_MS })

    expect(violations).toEqual([])
    expect(wallViolations).toEqual([])
  })

  test('a page on another port cannot frame the signed-in board', async () => {
    const server = await startInProcessServer()
    const { projectId, boardUrl } = await boardWithProject(server)
    const site = await startOtherOriginSite()
    const browser = await launchBrowser()
    const page = await browser.newPage()
    await signInThroughLoginPage(page, boardUrl, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    await page.locator(`[data-testid="card-${projectId}"]`).waitFor({ timeout: UI_TIMEOUT_MS })

    await page.goto(site.page('/frame', `<!doctype html><iframe src="${boardUrl}" width="1200" height="800"></iframe>`))
    await waitFor(() => childFrameRefused(page), { message: 'the framed board to be refused by the browser' })
    for (const frame of page.frames()) expect(await frame.locator('[data-testid^="card-"]').count()).toBe(0)
  })

  test('an office portal listed in GUATU_FRAME_ANCESTORS may frame the wall screen, and still not the board', async () => {
    const site = await startOtherOriginSite()
    const server = await startInProcessServer({ env: { GUATU_FRAME_ANCESTORS: site.origin } })
    const { board, boardUrl } = await boardWithProject(server)
    const link = await createScreenLink(server, board.id)
    const browser = await launchBrowser()
    const context = await browser.newContext()
    const violations = await watchPolicyViolations(context)
    const page = await context.newPage()

    await page.goto(site.page('/portal', `<!doctype html><iframe src="${server.url}${link.url}" width="1920" height="1080"></iframe>`))
    const screen = page.frameLocator('iframe')
    await screen.locator('[data-testid="screen-connection"][data-state="connected"]').waitFor({ timeout: UI_TIMEOUT_MS })
    await screen.getByTestId('screen-total-count').filter({ hasText: '1' }).waitFor({ timeout: UI_TIMEOUT_MS })
    expect(violations).toEqual([])

    await page.goto(site.page('/board-in-portal', `<!doctype html><iframe src="${boardUrl}"></iframe>`))
    await waitFor(() => childFrameRefused(page), { message: 'the framed board to be refused even for the portal' })
  })
})
