import { createMiddleware } from 'hono/factory'
import { secureHeaders } from 'hono/secure-headers'
import type { AppContext, AppEnv } from './appEnv.ts'
import { isServedOverTls } from './requestOrigin.ts'

/** The wall display's pages: the only documents an office may let a portal frame (GUATU_FRAME_ANCESTORS). */
export const FRAMEABLE_PATH_PREFIX = '/screen/'

/** A year: browsers remember to use https only for this long after a TLS response. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 3600

/** A Host header we are willing to repeat inside the policy (a forged one with `;` must not add directives). */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/

export interface SecurityHeaderOptions {
  /**
   * Origins allowed to frame the wall screen (`/screen/*`), e.g. an office portal; empty: nobody.
   * Every other page (the board, the admin pages, the login form) may never be framed: a framed
   * board under the user's cookie is a click-jacking target.
   */
  screenFrameAncestors: readonly string[]
}

function mayBeFramed(c: AppContext, options: SecurityHeaderOptions): boolean {
  return c.req.path.startsWith(FRAMEABLE_PATH_PREFIX) && options.screenFrameAncestors.length > 0
}

/**
 * The Content-Security-Policy the built client runs under: its own scripts and styles only (Vite
 * emits no inline script; index.html loads one module), data: images (the empty favicon), and the
 * sync websocket of this very host. `'self'` alone does not cover ws:/wss: in every browser.
 */
function contentSecurityPolicy(c: AppContext, options: SecurityHeaderOptions): string {
  const host = c.req.header('host')
  const sockets = host && PLAIN_HOST.test(host) ? ` ws://${host} wss://${host}` : ''
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${mayBeFramed(c, options) ? options.screenFrameAncestors.join(' ') : "'none'"}`,
  ].join('; ')
}

/**
 * One middleware for the security headers of every response: the policy above, `nosniff`, framing
 * refused (X-Frame-Options too, for browsers that do not read frame-ancestors), HSTS when served
 * over TLS, powerful browser features off (Permissions-Policy), and `Referrer-Policy: same-origin`: a screen link carries its token in the URL, so no
 * request to another site may pass it on. (`no-referrer` would also make browsers send
 * `Origin: null` on our own POSTs, which the CSRF guard refuses where `Sec-Fetch-Site` is missing,
 * as in Safari before 16.4.)
 */
export function securityHeaders(options: SecurityHeaderOptions) {
  const standard = secureHeaders({
    referrerPolicy: 'same-origin',
    xContentTypeOptions: 'nosniff',
    // Decided per response below: framing depends on the path, HSTS on the transport.
    xFrameOptions: false,
    strictTransportSecurity: false,
    // Another site's page cannot read our answers as no-cors subresources; framing is a navigation, not affected.
    crossOriginResourcePolicy: 'same-origin',
    // Powerful features nobody on a board needs are off for every page and any frame in it; the
    // location stays ours to ask for (a site photo's place, with the user's consent).
    permissionsPolicy: {
      camera: false,
      microphone: false,
      geolocation: ['self'],
      payment: false,
      usb: false,
      serial: false,
      bluetooth: false,
      hid: false,
      displayCapture: false,
      browsingTopics: false,
    },
  })
  return createMiddleware<AppEnv>(async (c, next) => {
    await standard(c, next)
    const headers = c.res.headers
    headers.set('Content-Security-Policy', contentSecurityPolicy(c, options))
    if (!mayBeFramed(c, options)) headers.set('X-Frame-Options', 'DENY')
    if (isServedOverTls(c)) headers.set('Strict-Transport-Security', `max-age=${HSTS_MAX_AGE_SECONDS}`)
  })
}
