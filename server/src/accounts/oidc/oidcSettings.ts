/** How Guatu signs people in through the 统一身份认证 identity provider (OpenID Connect). */
export interface OidcSettings {
  /** GUATU_OIDC_ISSUER: the issuer identifier; its /.well-known/openid-configuration is discovered. */
  issuer: URL
  /** GUATU_OIDC_CLIENT_ID: Guatu's client id, registered at the identity provider. */
  clientId: string
  /** GUATU_OIDC_CLIENT_SECRET: absent for a public client (then PKCE alone binds the code). */
  clientSecret: string | undefined
  /**
   * GUATU_OIDC_REDIRECT_URL, or GUATU_PUBLIC_URL + /api/auth/oidc/callback. Absent: taken from the
   * request's own origin, which the identity provider still checks against the registered URI.
   */
  redirectUrl: URL | undefined
  /** GUATU_OIDC_SCOPES, always with `openid`. */
  scopes: string[]
  /** GUATU_OIDC_USER_CLAIM: the claim whose value the office enters as the 统一身份账号 (default `sub`). */
  userClaim: string
  /** GUATU_OIDC_LABEL: the button's text on the login page. */
  label: string
  /** GUATU_OIDC_ALLOW_HTTP: permit plain http to the identity provider (a closed 政务外网, or tests). */
  allowHttp: boolean
}
