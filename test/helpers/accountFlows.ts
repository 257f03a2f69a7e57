import type { AccountStatus } from '@guatu/shared/domain/accountStatus'
import { sessionCookieFrom } from './credentials.ts'
import type { TestServer } from './server.ts'

/** Passwords that pass the 等保 password rules (the account-control tests' own users). */
export const STRONG = 'Qiye-Fuwu-2026'
export const STRONGER = 'Xin.Mima-2027'

export interface LoginAnswer {
  status: number
  cookie: string | undefined
  body: { user?: { id: string }; status?: AccountStatus; error?: string }
}

/** POST /api/login as a browser would: the answer, and the session cookie it set. */
export async function login(server: TestServer, username: string, password: string): Promise<LoginAnswer> {
  const response = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  return { status: response.status, cookie: sessionCookieFrom(response.headers), body: (await response.json()) as LoginAnswer['body'] }
}

/** POST /api/password under `cookie`: the answer, and the new session cookie it set. */
export async function changePassword(server: TestServer, cookie: string, currentPassword: string, newPassword: string) {
  const response = await fetch(`${server.url}/api/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ currentPassword, newPassword }),
  })
  return { status: response.status, cookie: sessionCookieFrom(response.headers), body: (await response.json()) as { error?: string; status?: AccountStatus } }
}
