import type { ExternalIdentity } from '@guatu/shared/domain/singleSignOn'

/**
 * A sign-in started at the identity provider and not yet come back. Kept on the server, keyed by
 * the hash of a random token in an httpOnly cookie, so the browser that comes back must be the one
 * that left, and in the database, so any process of a scaled-out server can finish it.
 */
export interface PendingSignIn {
  /** Sent to the identity provider and expected back unchanged (login CSRF). */
  state: string
  /** Expected in the ID token (token replay). */
  nonce: string
  /** PKCE: proves to the token endpoint that the code is redeemed by who asked for it. */
  codeVerifier: string
  /** The redirect URI sent with the request; the token request must repeat it exactly. */
  redirectUri: string
  /** A path of this site to open afterwards. */
  returnTo: string
  /** Epoch ms. */
  expiresAt: number
}

/** Which 统一身份账号 belongs to which Guatu account, and the sign-ins under way. */
export interface SsoStore {
  findUserIdByExternalId(externalId: string): Promise<string | undefined>
  listExternalIds(): Promise<ExternalIdentity[]>
  /**
   * Sets (or with `null` removes) a user's 统一身份账号. Answers `false` and changes nothing when
   * another user already has it: one person, one account.
   */
  setExternalId(userId: string, externalId: string | null): Promise<boolean>

  /** Sweeps expired sign-ins and counts the ones still under way. */
  countPendingSignIns(now: number): Promise<number>
  savePendingSignIn(tokenHash: string, pending: PendingSignIn): Promise<void>
  /** Removes and returns the sign-in: it can be finished once, whatever the outcome. */
  takePendingSignIn(tokenHash: string): Promise<PendingSignIn | undefined>
}
