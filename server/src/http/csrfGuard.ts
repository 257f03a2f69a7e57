import { createMiddleware } from 'hono/factory'
import { REQUEST_MARKER_HEADER, REQUEST_MARKER_VALUE } from '@guatu/shared/http/requestMarker'
import { RequestError } from '../requestError.ts'
import type { AppEnv } from './appEnv.ts'
import { bearerFrom } from './authentication.ts'
import { isOwnOrAllowedOrigin, ownOrigin } from './requestOrigin.ts'

/** Methods that change nothing: never guarded (and never routed to a state change). */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS'])

/** `Sec-Fetch-Site` values that say the request comes from our own pages or from the user (address bar). */
const SAME_ORIGIN_FETCH_SITES: ReadonlySet<string> = new Set(['same-origin', 'none'])

export const CSRF_ORIGIN_REFUSAL = '请求来源不被允许：请在挂图作战的页面上操作'
export const CSRF_FORMAT_REFUSAL = '请求格式不被允许：请在挂图作战的页面上操作'

/** `application/json`, with or without parameters such as `charset`. */
export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json'
}

/** What of a request the guard reads; plain values so the rule can be read (and tested) without Hono. */
export interface ForgeryEvidence {
  authorization: string | undefined
  origin: string | undefined
  secFetchSite: string | undefined
  contentType: string | undefined
  marker: string | undefined
  ownOrigin: string | undefined
  allowedOrigins: readonly string[]
}

/**
 * Why a state-changing request may be a cross-site forgery, or undefined when it is not.
 *
 * - A bearer token is exempt: the browser never adds it by itself, so it proves the caller chose it.
 * - Otherwise (a session cookie, or nothing yet: login) the request must come from our own origin:
 *   `Sec-Fetch-Site: same-origin`, or an `Origin` that is this server's or in GUATU_ALLOWED_ORIGINS.
 *   "Same site" is not enough: another port or a sibling subdomain is the same site.
 * - With neither header the sender is not a browser (every current browser sends `Sec-Fetch-Site`,
 *   and `Origin` on any cross-origin POST): a script or a test, which has no ambient cookie a page
 *   could ride on. Login from scripts works that way. An old browser that sends neither is still
 *   held by the next rule.
 * - And it must be JSON or carry the client's marker header: an HTML form or a `no-cors` fetch can
 *   send neither, and a cross-origin page cannot without a CORS preflight the server never grants.
 */
export function forgeryRefusal(evidence: ForgeryEvidence): string | undefined {
  if (bearerFrom(evidence.authorization)) return undefined
  if (!comesFromOwnOrigin(evidence)) return CSRF_ORIGIN_REFUSAL
  if (!isJsonContentType(evidence.contentType) && evidence.marker !== REQUEST_MARKER_VALUE) return CSRF_FORMAT_REFUSAL
  return undefined
}

function comesFromOwnOrigin({ origin, secFetchSite, ownOrigin, allowedOrigins }: ForgeryEvidence): boolean {
  if (secFetchSite !== undefined && SAME_ORIGIN_FETCH_SITES.has(secFetchSite)) return true
  if (origin !== undefined) return isOwnOrAllowedOrigin(origin, ownOrigin, allowedOrigins)
  return secFetchSite === undefined
}

/** One guard in front of every state-changing request (POST, PUT, PATCH, DELETE, …), login and uploads included. */
export function csrfGuard(allowedOrigins: readonly string[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const refusal = forgeryRefusal({
        authorization: c.req.header('authorization'),
        origin: c.req.header('origin'),
        secFetchSite: c.req.header('sec-fetch-site'),
        contentType: c.req.header('content-type'),
        marker: c.req.header(REQUEST_MARKER_HEADER),
        ownOrigin: ownOrigin(c),
        allowedOrigins,
      })
      if (refusal) throw new RequestError(403, refusal)
    }
    await next()
  })
}
