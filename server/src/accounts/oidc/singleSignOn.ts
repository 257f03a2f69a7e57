import { randomBytes } from 'node:crypto'
import type { AccountService, LoginResult } from '../accountService.ts'
import { hashSecret } from '../secretTokens.ts'
import { errorFields, type Logger } from '../../log.ts'
import { RequestError } from '../../requestError.ts'
import type { OidcSettings } from './oidcSettings.ts'
import type { RelyingParty } from './relyingParty.ts'
import { safeReturnPath } from './returnPath.ts'
import type { SsoStore } from './ssoStore.ts'

/** How long a user may spend at the identity provider's login page before the sign-in must restart. */
export const PENDING_SIGN_IN_TTL_MS = 10 * 60 * 1000

/**
 * Sign-ins under way at once, for the whole server. Anyone may start one without signing in, and
 * each is a row until it expires: the cap bounds what a flood of starts can store (about 5 MB),
 * at the price of refusing starts while such a flood lasts. An office's real peak is a few hundred.
 */
export const MAX_PENDING_SIGN_INS = 10_000

/** Prefix of the random token that names a pending sign-in in its cookie. */
const PENDING_TOKEN_PREFIX = 'sso_'

export const SsoRefusal = {
  expired: '统一身份认证登录已失效或已使用，请回到登录页重新登录',
  cancelled: '统一身份认证未完成（已取消或被拒绝），请回到登录页重新登录',
  invalidResponse: '统一身份认证的返回结果无效，请回到登录页重新登录',
  noIdentifier: '统一身份认证未提供账号标识，请联系项目办',
  notEnabled: '该统一身份账号尚未开通，请联系项目办',
  tooMany: '统一身份认证登录请求过多，请稍后再试',
} as const

/**
 * Single sign-on with the 统一身份认证: the identity provider says who someone is; the office
 * decides whether they may enter and as what. An identity maps to a Guatu account only through
 * the 统一身份账号 the office entered for it; no account is ever created from a sign-in.
 */
export class SingleSignOn {
  constructor(
    private readonly settings: OidcSettings,
    private readonly relyingParty: RelyingParty,
    private readonly store: SsoStore,
    private readonly accounts: AccountService,
    private readonly log: Logger,
  ) {}

  get label(): string {
    return this.settings.label
  }

  /** The configured redirect URI, or this request's own origin's callback. */
  redirectUriFor(requestOrigin: string, callbackPath: string): string {
    return this.settings.redirectUrl?.href ?? new URL(callbackPath, requestOrigin).href
  }

  /** Starts a sign-in: where to send the browser, and the token its cookie must bring back. */
  async begin(redirectUri: string, requestedReturn: string | undefined): Promise<{ authorizationUrl: URL; pendingToken: string }> {
    if ((await this.store.countPendingSignIns(Date.now())) >= MAX_PENDING_SIGN_INS) {
      this.log.warn('sso start refused: too many sign-ins under way', { max: MAX_PENDING_SIGN_INS })
      throw new RequestError(429, SsoRefusal.tooMany, 60)
    }
    const { url, checks } = await this.relyingParty.authorizationRequest(redirectUri)
    const pendingToken = `${PENDING_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
    await this.store.savePendingSignIn(hashSecret(pendingToken), {
      ...checks,
      returnTo: safeReturnPath(requestedReturn),
      expiresAt: Date.now() + PENDING_SIGN_IN_TTL_MS,
    })
    return { authorizationUrl: url, pendingToken }
  }

  /**
   * Finishes a sign-in from the callback's query and the cookie set by `begin`. The pending
   * sign-in is used up first, so a replayed callback finds nothing whatever happens next.
   */
  async finish(pendingToken: string | undefined, query: URLSearchParams, address: string): Promise<{ login: LoginResult; returnTo: string }> {
    const pending = pendingToken ? await this.store.takePendingSignIn(hashSecret(pendingToken)) : undefined
    if (!pending || pending.expiresAt <= Date.now()) throw new RequestError(400, SsoRefusal.expired)
    // The provider's own refusal (the user cancelled, or may not use Guatu there): no code to redeem.
    if (query.has('error')) {
      this.log.warn('sso sign-in ended at the identity provider', { error: query.get('error')?.slice(0, 100) })
      throw new RequestError(401, SsoRefusal.cancelled)
    }
    let claims: Record<string, unknown>
    try {
      claims = await this.relyingParty.redeem(query, pending)
    } catch (error) {
      this.log.warn('sso callback refused', errorFields(error))
      throw new RequestError(400, SsoRefusal.invalidResponse)
    }
    const externalId = claimValue(claims[this.settings.userClaim])
    if (!externalId) throw new RequestError(403, SsoRefusal.noIdentifier)
    const userId = await this.store.findUserIdByExternalId(externalId)
    if (!userId) {
      // Logged so the office can see who tried and enable them, if they should enter.
      this.log.warn('sso sign-in of an identity without an account', { externalId })
      throw new RequestError(403, SsoRefusal.notEnabled)
    }
    const login = await this.accounts.signInVerified(userId, address)
    return { login, returnTo: pending.returnTo }
  }
}

function claimValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}
