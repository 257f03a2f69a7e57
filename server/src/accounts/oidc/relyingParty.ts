import * as client from 'openid-client'
import type { OidcSettings } from './oidcSettings.ts'

/** Seconds the identity provider gets to answer discovery, the token and the userinfo request. */
const PROVIDER_TIMEOUT_S = 10

/** What must come back from the identity provider unchanged, kept until the callback. */
export interface AuthorizationChecks {
  state: string
  nonce: string
  codeVerifier: string
  redirectUri: string
}

/**
 * Guatu as an OpenID Connect relying party, through openid-client: the authorization code flow
 * with PKCE, state and nonce. Knows nothing of Guatu's accounts; answers the provider's claims.
 */
export class RelyingParty {
  private configuration: Promise<client.Configuration> | undefined

  constructor(private readonly settings: OidcSettings) {}

  /** The identity provider's address for this sign-in, and the checks to keep for its callback. */
  async authorizationRequest(redirectUri: string): Promise<{ url: URL; checks: AuthorizationChecks }> {
    const config = await this.config()
    const checks = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      redirectUri,
    }
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.settings.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    })
    return { url, checks }
  }

  /**
   * Redeems the code of the callback's query: state, PKCE, nonce, the ID token's signature,
   * issuer, audience and lifetime are all checked by openid-client; any mismatch throws. Answers
   * the ID token's claims, completed from the userinfo endpoint when the configured claim is
   * missing (some providers put `preferred_username` only there).
   */
  async redeem(query: URLSearchParams, checks: AuthorizationChecks): Promise<Record<string, unknown>> {
    const config = await this.config()
    // The URL the provider sent the browser to, rebuilt from the redirect URI sent at the start:
    // openid-client takes the token request's redirect_uri from it, and it must match exactly.
    const callbackUrl = new URL(checks.redirectUri)
    callbackUrl.search = query.toString()
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    })
    const claims: Record<string, unknown> = { ...tokens.claims() }
    if (claims[this.settings.userClaim] === undefined && config.serverMetadata().userinfo_endpoint) {
      const sub = typeof claims.sub === 'string' ? claims.sub : client.skipSubjectCheck
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, sub)
      return { ...userinfo, ...claims }
    }
    return claims
  }

  /**
   * Discovered on first use and kept. A failed discovery is not kept: the identity provider may
   * have been down when Guatu started, and the next sign-in tries again.
   */
  private config(): Promise<client.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = undefined
      throw error
    })
    return this.configuration
  }

  private async discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret, allowHttp } = this.settings
    // OpenID Connect's default client authentication is client_secret_basic; without a secret the
    // client is public and PKCE alone ties the code to this sign-in.
    const authentication = clientSecret ? client.ClientSecretBasic(clientSecret) : client.None()
    const config = await client.discovery(issuer, clientId, clientSecret, authentication, {
      execute: allowHttp ? [client.allowInsecureRequests] : [],
      timeout: PROVIDER_TIMEOUT_S,
    })
    config.timeout = PROVIDER_TIMEOUT_S
    return config
  }
}
