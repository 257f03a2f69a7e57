import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Page, Request, Response } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { REQUEST_MARKER_HEADER } from '@guatu/shared/http/requestMarker'
import { launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { signIn } from '../helpers/credentials.ts'
import { startOtherOriginSite } from '../helpers/otherOriginSite.ts'
import { HELPERS_DIR } from '../helpers/paths.ts'
import { createBoard, expectStatus, fetchBoard, listBoards, requestJson } from '../helpers/rest.ts'
import { TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME, type TestServer } from '../helpers/server.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import { waitForEvent } from '../helpers/wait.ts'
import type { UserListResponse } from '@guatu/shared/api/users'

const CHINESE = /[\u4e00-\u9fff]/
const UI_TIMEOUT_MS = 15_000
const LEDGER = path.join(HELPERS_DIR, '..', 'fixtures', 'ledgers', 'messy-wan-formats.xlsx')

/** An HTML form that submits itself as soon as the page loads: no click needed from the victim. */
function autoSubmittingForm(action: string, enctype: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name='${name.replaceAll("'", '&#39;')}' value='${value.replaceAll("'", '&#39;')}'>`)
    .join('')
  return `<!doctype html><form method="POST" action="${action}" enctype="${enctype}">${inputs}</form><script>document.forms[0].submit()</script>`
}

/** A text/plain form whose body reads as JSON: `{"username":…,"pad":"="}` (the name, `=`, the value). */
function jsonLookingFields(body: Record<string, unknown>): Record<string, string> {
  const json = JSON.stringify({ ...body, pad: '' })
  return { [json.slice(0, -2)]: '"}' }
}

async function usernames(server: TestServer): Promise<string[]> {
  const { users } = expectStatus(await requestJson<UserListResponse>(server, '/api/users'), 200, 'GET /api/users')
  return users.map((user) => user.username)
}

/** Opens `url` (another origin's page) and resolves once the POST it makes to `apiPath` has been answered (or its answer blocked). */
async function postFrom(page: Page, server: TestServer, apiPath: string, url: string): Promise<Request> {
  const settled = waitForEvent<Request>(
    (listener) => {
      page.on('requestfinished', listener)
      page.on('requestfailed', listener)
      return () => {
        page.off('requestfinished', listener)
        page.off('requestfailed', listener)
      }
    },
    (request) => request.url() === `${server.url}${apiPath}` && request.method() === 'POST',
    { timeoutMs: UI_TIMEOUT_MS, message: `the page at ${url} to POST ${apiPath}` },
  )
  await page.goto(url)
  return settled
}

/** The status the server answered a page's form submission with. */
async function answerTo(page: Page, server: TestServer, apiPath: string, url: string): Promise<Response> {
  const response = await (await postFrom(page, server, apiPath, url)).response()
  if (!response) throw new Error(`POST ${apiPath} from ${url} got no response`)
  return response
}

describe('cross-site request forgery', () => {
  test('pages on another port of the same host cannot use the signed-in admin cookie to write, while the real client still can', async () => {
    const server = await startInProcessServer()
    const board = await createBoard(server, '防伪造请求', 2022)
    const site = await startOtherOriginSite()
    const browser = await launchBrowser()
    const context = await browser.newContext()
    const page = await context.newPage()

    // The office signs in through the real login page (itself a POST the guard lets through).
    await signInThroughLoginPage(page, `${server.url}/`, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    const cookies = await context.cookies(server.url)
    expect(cookies.map((cookie) => cookie.name)).toContain('guatu_session')

    // 1. A text/plain form whose body is JSON creating an admin. SameSite=Lax lets the cookie go: same site.
    const createUser = await answerTo(
      page,
      server,
      '/api/users',
      site.page(
        '/users',
        autoSubmittingForm(
          `${server.url}/api/users`,
          'text/plain',
          jsonLookingFields({ username: 'csrf_admin', password: 'csrf-admin-pass-1', role: 'admin', units: [] }),
        ),
      ),
    )
    expect(createUser.status()).toBe(403)
    expect((await createUser.request().allHeaders()).cookie ?? '').toContain('guatu_session=')
    expect(((await createUser.json()) as { error: string }).error).toMatch(CHINESE)
    expect(await usernames(server)).not.toContain('csrf_admin')

    // 2. An ordinary urlencoded form creating a board, and a multipart form signing the admin out.
    const createBoardAttempt = await answerTo(
      page,
      server,
      '/api/boards',
      site.page('/boards', autoSubmittingForm(`${server.url}/api/boards`, 'application/x-www-form-urlencoded', { name: '伪造看板', year: '2025' })),
    )
    expect(createBoardAttempt.status()).toBe(403)
    expect((await listBoards(server)).map((listed) => listed.name)).toEqual(['防伪造请求'])
    const logout = await answerTo(
      page,
      server,
      '/api/logout',
      site.page('/logout', autoSubmittingForm(`${server.url}/api/logout`, 'multipart/form-data', { bye: '1' })),
    )
    expect(logout.status()).toBe(403)

    // 3. A no-cors multipart fetch importing a ledger into the board (the script never sees the answer).
    const ledger = (await readFile(LEDGER)).toString('base64')
    const importPath = `/api/boards/${board.id}/import`
    const importAttempt = await postFrom(
      page,
      server,
      importPath,
      site.page(
        '/import',
        `<!doctype html><script>
          const bytes = Uint8Array.from(atob('${ledger}'), (c) => c.charCodeAt(0))
          const form = new FormData()
          form.append('file', new Blob([bytes]), 'ledger.xlsx')
          fetch('${server.url}${importPath}', { method: 'POST', mode: 'no-cors', credentials: 'include', body: form })
        </script>`,
      ),
    )
    // The answer came back (the browser then hid it from the script); the board did not change.
    expect(importAttempt.failure()?.errorText ?? 'answered').toMatch(/answered|BLOCKED_BY_RESPONSE/)
    expect((await fetchBoard(server, board.id)).projects).toEqual([])

    // 4. Signing the victim into the attacker's account (login CSRF) is refused as well.
    const login = await answerTo(
      page,
      server,
      '/api/login',
      site.page(
        '/login',
        autoSubmittingForm(`${server.url}/api/login`, 'text/plain', jsonLookingFields({ username: TEST_ADMIN_USERNAME, password: TEST_ADMIN_PASSWORD })),
      ),
    )
    expect(login.status()).toBe(403)

    // The session survived every attempt, and the real client still writes: a board made in the UI.
    await page.goto(`${server.url}/`)
    await page.getByPlaceholder('如：2025年区级重点项目').fill('页面新建的看板')
    await page.getByRole('button', { name: '新建看板' }).click()
    await page.waitForURL(/\/board\//, { timeout: UI_TIMEOUT_MS })
    expect((await listBoards(server)).map((listed) => listed.name).sort()).toEqual(['防伪造请求', '页面新建的看板'].sort())
    // And signs out through its own button (a POST without a body, carrying the client's marker).
    await page.getByTestId('logout').click()
    await page.getByTestId('login-username').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    const afterLogout = await fetch(`${server.url}/api/me`, { headers: { cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') } })
    expect(afterLogout.status).toBe(401)
  })
})

describe('the CSRF rule over raw HTTP', () => {
  const newBoard = JSON.stringify({ name: '脚本看板', year: 2025 })

  test.each([
    ['an Origin on another port', { origin: 'http://127.0.0.1:1', 'content-type': 'application/json' }],
    ['Sec-Fetch-Site: same-site with no Origin', { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' }],
    ['Sec-Fetch-Site: cross-site with no Origin', { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }],
    ['Origin: null (a sandboxed frame or a file)', { origin: 'null', 'content-type': 'application/json' }],
    ['the right origin but a text/plain body', { 'sec-fetch-site': 'same-origin', 'content-type': 'text/plain' }],
    ['no browser headers and a form body', { 'content-type': 'application/x-www-form-urlencoded' }],
  ])('a cookie request with %s is refused with 403 and a Chinese reason', async (_label, headers) => {
    const server = await startInProcessServer()
    const cookie = await signIn(server.url, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    const response = await fetch(`${server.url}/api/boards`, { method: 'POST', headers: { cookie, ...headers }, body: newBoard })
    expect(response.status).toBe(403)
    expect(((await response.json()) as { error: string }).error).toMatch(CHINESE)
    expect(await listBoards(server)).toEqual([])
  })

  test.each([
    ['Sec-Fetch-Site: same-origin and JSON', { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }],
    ["the server's own Origin and JSON", { origin: 'SELF', 'content-type': 'application/json' }],
    ['no browser headers (a script) and JSON', { 'content-type': 'application/json' }],
  ])('a cookie request with %s is accepted', async (_label, headers) => {
    const server = await startInProcessServer()
    const cookie = await signIn(server.url, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    const withOrigin = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value === 'SELF' ? server.url : value]))
    const response = await fetch(`${server.url}/api/boards`, { method: 'POST', headers: { cookie, ...withOrigin }, body: newBoard })
    expect(response.status).toBe(201)
  })

  test('a listed origin (GUATU_ALLOWED_ORIGINS) may post with the cookie; the marker header stands in for JSON on a body-less logout', async () => {
    const server = await startInProcessServer({ env: { GUATU_ALLOWED_ORIGINS: 'https://guatu.example.gov.cn' } })
    const cookie = await signIn(server.url, TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD)
    const created = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { cookie, origin: 'https://guatu.example.gov.cn', 'content-type': 'application/json' },
      body: newBoard,
    })
    expect(created.status).toBe(201)
    const bare = await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { cookie, 'sec-fetch-site': 'same-origin' } })
    expect(bare.status).toBe(403)
    const marked = await fetch(`${server.url}/api/logout`, {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'same-origin', [REQUEST_MARKER_HEADER]: '1' },
    })
    expect(marked.status).toBe(204)
  })

  test('a bearer token needs no origin proof, but a body is read as JSON only when it is declared JSON', async () => {
    const server = await startInProcessServer()
    const headers = { authorization: `Bearer ${server.adminToken}`, origin: 'http://127.0.0.1:1' }
    const asText = await fetch(`${server.url}/api/boards`, { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' }, body: newBoard })
    expect(asText.status).toBe(400)
    expect(((await asText.json()) as { error: string }).error).toBe('请求体必须是 JSON')
    const asJson = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
      body: newBoard,
    })
    expect(asJson.status).toBe(201)
  })
})
