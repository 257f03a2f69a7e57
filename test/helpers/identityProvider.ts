import { generateKeyPairSync } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider, { type Configuration } from 'oidc-provider'
import { SSO_CALLBACK_PATH } from '@guatu/shared/domain/singleSignOn'
import { deferCleanup } from './cleanup.ts'

/** A person known to the test 统一身份认证. */
export interface TestIdentity {
  /** The login typed at the provider's page, and the `sub` of the ID token. */
  sub: string
  name: string
  preferredUsername: string
}

/**
 * A real OpenID Connect provider (panva's oidc-provider) on port 0, with one static confidential
 * client and a few people. Its development login page accepts any password for a known login and
 * skips the consent screen (the client is first-party), so a browser or a raw HTTP script can
 * sign in. Closed when the test (or file) ends.
 */
export interface TestIdentityProvider {
  readonly issuer: string
  readonly clientId: string
  readonly clientSecret: string
  /**
   * Registers a Guatu server's callback as a redirect URI. Guatu listens on port 0, so its address
   * is known only once it runs; it discovers the provider on the first sign-in, which must follow.
   */
  registerGuatu(guatuUrl: string): void
  /** Guatu's environment for single sign-on against this provider. */
  guatuEnv(extra?: Record<string, string>): Record<string, string>
}

const CLIENT_ID = 'guatu-test'
const CLIENT_SECRET = 'guatu-test-client-secret-2025'

export async function startIdentityProvider(identities: readonly TestIdentity[]): Promise<TestIdentityProvider> {
  let handle: http.RequestListener = (_request, response) => {
    response.writeHead(503).end('identity provider not configured yet: call registerGuatu first')
  }
  const server = http.createServer((request, response) => handle(request, response))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  deferCleanup(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Guatu's fetch keeps connections alive; they would hold close() open.
        server.closeAllConnections()
      }),
  )
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  // One signing key for every provider instance, so a Guatu server's cached keys stay valid.
  const signingKey = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }
  const redirectUris: string[] = []
  const byLogin = new Map(identities.map((identity) => [identity.sub, identity]))

  const configuration = (): Configuration => ({
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [...redirectUris],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: ['test-identity-provider-cookie-key'] },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    pkce: { required: () => true },
    // Short, explicit lifetimes (and no notices about the defaults in the test output).
    ttl: { AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const identity = byLogin.get(sub)
      if (!identity) return undefined
      return { accountId: sub, claims: () => ({ sub, name: identity.name, preferred_username: identity.preferredUsername }) }
    },
    // A first-party client: grant what it asks for instead of showing a consent page.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId)
      if (grantId) return ctx.oidc.provider.Grant.find(grantId)
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId })
      grant.addOIDCScope('openid profile')
      await grant.save()
      return grant
    },
  })

  return {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    registerGuatu(guatuUrl) {
      redirectUris.push(new URL(SSO_CALLBACK_PATH, guatuUrl).href)
      const provider = new Provider(issuer, configuration())
      handle = provider.callback()
    },
    guatuEnv(extra = {}) {
      return {
        GUATU_OIDC_ISSUER: issuer,
        GUATU_OIDC_CLIENT_ID: CLIENT_ID,
        GUATU_OIDC_CLIENT_SECRET: CLIENT_SECRET,
        GUATU_OIDC_ALLOW_HTTP: '1',
        ...extra,
      }
    },
  }
}
