import { EXTERNAL_IDS_PATH, SSO_CALLBACK_PATH, SSO_START_PATH } from '@guatu/shared/domain/singleSignOn'
import { requestJson, type JsonResponse, type RequestCredentials } from './rest.ts'
import type { TestServer } from './server.ts'

/** The pending sign-in's cookie Guatu sets at the start (server/src/http/oidcRoutes.ts). */
export const PENDING_SIGN_IN_COOKIE_NAME = 'guatu_sso_pending'

const MAX_REDIRECTS = 10

/** Cookies by name; every server here is 127.0.0.1, and sending another's cookie is harmless. */
class CookieJar {
  private readonly cookies = new Map<string, string>()

  take(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const separator = pair.indexOf('=')
      const name = pair.slice(0, separator).trim()
      const value = pair.slice(separator + 1).trim()
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /^\s*expires=Thu, 01 Jan 1970/i.test(attribute))
      if (!value || expired) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name)
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }
}

/** A sign-in started at Guatu and finished at the identity provider, stopped before the callback. */
export interface ProviderRedirect {
  /** Guatu's callback URL with the code and state the provider sent the browser back with. */
  callbackUrl: URL
  /** `guatu_sso_pending=…`, the cookie the browser would bring to the callback. */
  pendingCookie: string
}

/**
 * Does what a browser does, by raw HTTP: GET Guatu's start (with `returnTo` when given), follow
 * to the test provider's login page, submit `login` with any password, and follow until the
 * provider sends the browser back to Guatu. The callback itself is left to the test.
 */
export async function signInAtProvider(guatuUrl: string, login: string, options: { returnTo?: string } = {}): Promise<ProviderRedirect> {
  const jar = new CookieJar()
  const start = new URL(SSO_START_PATH, guatuUrl)
  if (options.returnTo !== undefined) start.searchParams.set('returnTo', options.returnTo)
  let response = await fetch(start, { redirect: 'manual' })
  jar.take(response.headers)
  const pending = jar.get(PENDING_SIGN_IN_COOKIE_NAME)
  if (response.status !== 302 || !pending)
    throw new Error(`GET ${SSO_START_PATH} answered ${response.status} without a pending cookie: ${await response.text()}`)
  let location = new URL(response.headers.get('location') ?? '', start)
  const callbackPrefix = new URL(SSO_CALLBACK_PATH, guatuUrl).href
  let submitted = false
  for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
    if (location.href.startsWith(callbackPrefix)) return { callbackUrl: location, pendingCookie: `${PENDING_SIGN_IN_COOKIE_NAME}=${pending}` }
    response = await fetch(location, { redirect: 'manual', headers: { cookie: jar.header() } })
    jar.take(response.headers)
    if (response.status === 200 && !submitted) {
      // The provider's login page: post its form with the login and any password.
      const page = await response.text()
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1]
      if (!action) throw new Error(`no login form at ${location.href}: ${page.slice(0, 300)}`)
      const submit = new URL(action.replace(/&amp;/g, '&'), location)
      response = await fetch(submit, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login, password: 'any-password' }).toString(),
      })
      jar.take(response.headers)
      submitted = true
    }
    const next = response.headers.get('location')
    if (!next) throw new Error(`${location.href} answered ${response.status} without a redirect: ${(await response.text()).slice(0, 300)}`)
    location = new URL(next, location)
  }
  throw new Error(`more than ${MAX_REDIRECTS} redirects signing in as ${login}`)
}

/** Calls Guatu's callback as the browser would, without following its redirect. */
export function callCallback(callbackUrl: URL, pendingCookie: string | undefined): Promise<Response> {
  return fetch(callbackUrl, { redirect: 'manual', headers: pendingCookie ? { cookie: pendingCookie } : {} })
}

/** The office enables (or with `null` removes) an account's 统一身份账号, as the admin. */
export async function setExternalId(
  server: TestServer,
  userId: string,
  externalId: string | null,
  credentials: RequestCredentials = {},
): Promise<JsonResponse> {
  return requestJson(server, `${EXTERNAL_IDS_PATH}/${encodeURIComponent(userId)}`, { ...credentials, method: 'PUT', body: { externalId } })
}
