import type { Context } from 'hono'
import { setCookie } from 'hono/cookie'
import { SESSION_COOKIE } from './authentication.ts'

/** Whether the browser reached us over TLS, directly or through the office's proxy. */
export function isSecureRequest(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'
}

/**
 * The session cookie, the same for a password login and a 统一身份认证 sign-in: one lifetime, one
 * revocation, whichever way the user proved who they are.
 */
export function setSessionCookie(c: Context, sessionToken: string, maxAgeMs: number): void {
  setCookie(c, SESSION_COOKIE, sessionToken, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isSecureRequest(c),
    // The browser may drop it at the absolute lifetime; the server enforces the idle timeout.
    maxAge: Math.floor(maxAgeMs / 1000),
  })
}
