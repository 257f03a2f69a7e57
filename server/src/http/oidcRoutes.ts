import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { SSO_CALLBACK_PATH, type SignInOptions } from '@guatu/shared/domain/singleSignOn'
import { PENDING_SIGN_IN_TTL_MS, type SingleSignOn } from '../accounts/oidc/singleSignOn.ts'
import { SecurityEventType } from '@guatu/shared/domain/securityEvent'
import { errorFields, type Logger } from '../log.ts'
import { RequestError } from '../requestError.ts'
import type { SecurityAuditLog } from '../securityAudit/securityAuditLog.ts'
import { clientAddress, type AppEnv } from './appEnv.ts'
import { isSecureRequest, setSessionCookie } from './sessionCookie.ts'

/** Holds the token of a sign-in under way at the identity provider; sent only to the callback. */
export const PENDING_SIGN_IN_COOKIE = 'guatu_sso_pending'
const PENDING_COOKIE_PATH = '/api/auth/oidc'

const PROVIDER_UNREACHABLE = '暂时无法连接统一身份认证服务，请稍后再试或联系项目办'
const SSO_NOT_CONFIGURED = '本系统未配置统一身份认证'

/**
 * Single sign-on over HTTP, mounted under /api: which ways of signing in exist, the start (a
 * redirect to the identity provider) and the callback (a session like a password login's, then
 * back into the app). Both are top-level browser navigations, so refusals are Chinese pages.
 */
export interface OidcRouteOptions {
  localLogin: boolean
  log: Logger
  audit: SecurityAuditLog
  /** The session's absolute lifetime: the cookie's max age, as for a password login. */
  sessionMaxMs: number
}

export function oidcRoutes(sso: SingleSignOn | undefined, options: OidcRouteOptions): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()
  const { sessionMaxMs } = options

  routes.get('/auth/config', (c) => {
    return c.json({ localLogin: options.localLogin, sso: sso ? { label: sso.label } : null } satisfies SignInOptions)
  })

  routes.get('/auth/oidc/start', async (c) => {
    if (!sso) return refusalPage(c, 404, SSO_NOT_CONFIGURED)
    let started: Awaited<ReturnType<SingleSignOn['begin']>>
    try {
      const redirectUri = sso.redirectUriFor(requestOrigin(c), SSO_CALLBACK_PATH)
      started = await sso.begin(redirectUri, c.req.query('returnTo'))
    } catch (error) {
      if (error instanceof RequestError) {
        if (error.retryAfterSeconds !== undefined) c.header('retry-after', String(error.retryAfterSeconds))
        return refusalPage(c, error.status, error.message)
      }
      options.log.error('sso start failed', { error: String(error) })
      return refusalPage(c, 502, PROVIDER_UNREACHABLE)
    }
    // Lax: the identity provider sends the browser back with a top-level GET, which carries it.
    setCookie(c, PENDING_SIGN_IN_COOKIE, started.pendingToken, {
      httpOnly: true,
      sameSite: 'Lax',
      path: PENDING_COOKIE_PATH,
      secure: isSecureRequest(c),
      maxAge: Math.floor(PENDING_SIGN_IN_TTL_MS / 1000),
    })
    c.header('cache-control', 'no-store')
    return c.redirect(started.authorizationUrl.href, 302)
  })

  routes.get('/auth/oidc/callback', async (c) => {
    const pendingToken = getCookie(c, PENDING_SIGN_IN_COOKIE)
    deleteCookie(c, PENDING_SIGN_IN_COOKIE, { path: PENDING_COOKIE_PATH })
    c.header('cache-control', 'no-store')
    if (!sso) return refusalPage(c, 404, SSO_NOT_CONFIGURED)
    try {
      const { login, returnTo } = await sso.finish(pendingToken, new URL(c.req.url).searchParams, clientAddress(c))
      setSessionCookie(c, login.sessionToken, sessionMaxMs)
      options.log.info('sso sign-in', { userId: login.user.id })
      const { id, displayName, username } = login.user
      await options.audit.record({
        type: SecurityEventType.loginSucceeded,
        actorId: id,
        actorLabel: `${displayName} [${username}]`,
        address: clientAddress(c),
        target: id,
        detail: '统一身份认证',
      })
      return c.redirect(returnTo, 302)
    } catch (error) {
      if (error instanceof RequestError) {
        await options.audit.record({ type: SecurityEventType.loginFailed, address: clientAddress(c), target: 'sso', detail: `统一身份认证：${error.message}` })
        return refusalPage(c, error.status, error.message)
      }
      options.log.error('sso callback failed', errorFields(error))
      return refusalPage(c, 502, PROVIDER_UNREACHABLE)
    }
  })

  return routes
}

/** The origin the browser used, for the callback address when none is configured. */
function requestOrigin(c: Context<AppEnv>): string {
  const url = new URL(c.req.url)
  return `${isSecureRequest(c) ? 'https:' : url.protocol}//${url.host}`
}

/** A plain page (no script, no style: it must work under any CSP) saying why, with the way back. */
function refusalPage(c: Context<AppEnv>, status: RequestError['status'] | 502, message: string) {
  const html = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>统一身份认证登录未成功 · 挂图作战</title></head>
<body>
<main>
<h1>统一身份认证登录未成功</h1>
<p data-testid="sso-refusal">${escapeHtml(message)}</p>
<p><a href="/login" data-testid="sso-back-to-login">返回登录页</a></p>
</main>
</body>
</html>`
  return c.html(html, status)
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
