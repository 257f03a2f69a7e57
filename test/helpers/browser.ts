import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { deferCleanup } from './cleanup.ts'
import { FontSetup, fontEnvironment } from './fontSetups.ts'
import { ARTIFACTS_DIR, CHROMIUM_PATH } from './paths.ts'

export { CHROMIUM_PATH }

/**
 * Launches Debian's chromium headless through playwright-core; closed when the test (or file) ends.
 * `fonts` picks the machine it imitates (fontSetups.ts); by default the one with system CJK fonts.
 */
export async function launchBrowser(fonts: FontSetup = FontSetup.systemCjk): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    env: await fontEnvironment(fonts),
  })
  deferCleanup(() => browser.close())
  return browser
}

/** Where to save a screenshot or trace; the directory (test/artifacts, gitignored) is created. */
export async function artifactPath(fileName: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true })
  return path.join(ARTIFACTS_DIR, fileName)
}

const LOGIN_TIMEOUT_MS = 15_000

/**
 * Signs in through the real login page: opens `url` (a page that needs a user), expects the login
 * form, submits it, and waits until the form is gone. When the client does not return to `url`
 * after signing in, opens it again, now with the session cookie.
 */
export async function signInThroughLoginPage(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url)
  // Fields are looked up inside the login form: the page behind it (the admin page) has its own 用户名.
  const form = page.getByRole('form', { name: '挂图作战 · 登录' })
  const usernameField = form.getByLabel('用户名', { exact: true })
  await usernameField.waitFor({ state: 'visible', timeout: LOGIN_TIMEOUT_MS })
  await usernameField.fill(username)
  await form.getByLabel('密码', { exact: true }).fill(password)
  await form.getByRole('button', { name: '登录', exact: true }).click()
  await form.waitFor({ state: 'detached', timeout: LOGIN_TIMEOUT_MS })
  if (new URL(page.url()).pathname !== new URL(url).pathname) await page.goto(url)
}

const DRAG_TIMEOUT_MS = 15_000

/**
 * A real mouse drag of a card to a column: press on the card's centre, travel in steps past
 * dnd-kit's activation distance, release over the upper part of the column (a long column may
 * extend below the viewport).
 */
export async function dragCardToColumn(page: Page, projectId: string, stage: string): Promise<void> {
  const from = await page.locator(`[data-testid="card-${projectId}"]`).boundingBox({ timeout: DRAG_TIMEOUT_MS })
  const to = await page.locator(`[data-testid="column-${stage}"]`).boundingBox({ timeout: DRAG_TIMEOUT_MS })
  if (!from || !to) throw new Error(`card ${projectId} or column ${stage} is not visible`)
  const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 }
  const end = { x: to.x + to.width / 2, y: to.y + Math.min(to.height / 2, 160) }
  await page.mouse.move(start.x, start.y)
  await page.mouse.down()
  await page.mouse.move(start.x + 12, start.y + 4, { steps: 3 })
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 10 })
  await page.mouse.move(end.x, end.y, { steps: 10 })
  await page.mouse.up()
}
