import type { Context } from 'hono'

/**
 * Served over TLS: the request itself is https, or the proxy in front says so. The header is taken
 * as the session cookie's `secure` flag takes it (accountRoutes.ts): a client that forges it only
 * gets a header its own browser ignores over plain http (HSTS) or a stricter origin check.
 */
export function isServedOverTls(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'
}

/** `https://host:port` as the browser sees this server: the Host header, with the TLS scheme when served over TLS. */
export function ownOrigin(c: Context): string | undefined {
  const host = c.req.header('host')
  if (!host) return undefined
  return `${isServedOverTls(c) ? 'https' : 'http'}://${host}`
}

/**
 * Whether `origin` (a browser's Origin header) is this server or one the office listed. Host and
 * port must match exactly; an https origin is accepted where the server itself believes it speaks
 * http, because a TLS proxy that does not send X-Forwarded-Proto (docs/scaling.md) makes the
 * server's view of its own scheme unreliable in that direction only — never http where https is known.
 */
export function isOwnOrAllowedOrigin(origin: string, own: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.includes(origin)) return true
  if (!own) return false
  let seen: URL
  let ours: URL
  try {
    seen = new URL(origin)
    ours = new URL(own)
  } catch {
    return false
  }
  if (seen.origin !== origin.replace(/\/$/, '') || seen.host !== ours.host) return false
  return seen.protocol === ours.protocol || seen.protocol === 'https:'
}
