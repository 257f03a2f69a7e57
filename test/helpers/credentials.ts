/**
 * Signing in over plain `fetch`, with no test-runner dependency: the server process helper and the
 * benchmark use it as well as the tests.
 */

/** The admin account a fresh data dir gets; the server reads the password from GUATU_ADMIN_PASSWORD. */
export const TEST_ADMIN_USERNAME = 'admin'
export const TEST_ADMIN_PASSWORD = 'guatu-test-admin-2025'
export const SESSION_COOKIE_NAME = 'guatu_session'

/**
 * The account rules before the 等保 controls: 8 characters, no classes, no forced change, 12-hour
 * sessions. Every test server starts with them, so a test that is not about those controls can make
 * users with simple passwords and sign them in; the tests of the controls override them.
 */
export const PRE_DENGBAO_ACCOUNT_ENV: Readonly<Record<string, string>> = {
  GUATU_PASSWORD_MIN_LENGTH: '8',
  GUATU_PASSWORD_MIN_CLASSES: '0',
  GUATU_FORCE_PASSWORD_CHANGE: '0',
  GUATU_SESSION_IDLE_MS: String(12 * 3600 * 1000),
  GUATU_SESSION_MAX_MS: String(12 * 3600 * 1000),
}

/** The server's own defaults, for the tests of the account controls: undoes PRE_DENGBAO_ACCOUNT_ENV. */
export const DENGBAO_DEFAULT_ACCOUNT_ENV: Readonly<Record<string, string>> = {
  GUATU_PASSWORD_MIN_LENGTH: '10',
  GUATU_PASSWORD_MIN_CLASSES: '3',
  GUATU_FORCE_PASSWORD_CHANGE: '1',
  GUATU_SESSION_IDLE_MS: String(30 * 60 * 1000),
  GUATU_SESSION_MAX_MS: String(12 * 3600 * 1000),
}

/** `name=value` of the session cookie in a response's Set-Cookie headers, or undefined. */
export function sessionCookieFrom(headers: Headers): string | undefined {
  for (const line of headers.getSetCookie()) {
    const pair = line.split(';', 1)[0]?.trim() ?? ''
    if (pair.startsWith(`${SESSION_COOKIE_NAME}=`) && pair.length > SESSION_COOKIE_NAME.length + 1) return pair
  }
  return undefined
}

/** POST /api/login; returns the session cookie (`guatu_session=…`) or throws with the server's answer. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  const text = await response.text()
  if (response.status !== 200) throw new Error(`POST /api/login as ${username} answered ${response.status}: ${text.slice(0, 300)}`)
  const cookie = sessionCookieFrom(response.headers)
  if (!cookie) {
    throw new Error(
      `POST /api/login as ${username} answered 200 without a ${SESSION_COOKIE_NAME} cookie (Set-Cookie: ${JSON.stringify(response.headers.getSetCookie())})`,
    )
  }
  return cookie
}

/** POST /api/tokens with a session cookie; returns the new personal API token. */
export async function createApiToken(baseUrl: string, cookie: string, name = '自动化测试'): Promise<string> {
  const response = await fetch(`${baseUrl}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name }),
  })
  const text = await response.text()
  if (response.status !== 201) throw new Error(`POST /api/tokens answered ${response.status}: ${text.slice(0, 300)}`)
  const token = (JSON.parse(text) as { token?: unknown }).token
  if (typeof token !== 'string' || token.length === 0) throw new Error(`POST /api/tokens answered 201 without a token: ${text.slice(0, 300)}`)
  return token
}

/** Signs in and creates a personal API token: what a script would do before talking to the server. */
export async function apiTokenFor(baseUrl: string, username: string, password: string): Promise<string> {
  return createApiToken(baseUrl, await signIn(baseUrl, username, password))
}
