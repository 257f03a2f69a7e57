import type { Context } from 'hono'
import { setCookie } from 'hono/cookie'
import { SESSION_TTL_MS } from '../accounts/accountService.ts'
import { SESSION_COOKIE } from './authentication.ts'

/** Whether the browser reached us over TLS, directly or through the office's proxy. */
export function isSecureRequest(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'
}

/**
 * The session cookie, the same for a password login and a 统一身份认证 sign-in: one lifetime, one
 * revocation, whichever way the user proved who they are.
 */
export function setSessionCookie(c: Context, sessionToken: string): void {
  setCookie(c, SESSION_COOKIE, sessionToken, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isSecureRequest(c),
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  })
}
