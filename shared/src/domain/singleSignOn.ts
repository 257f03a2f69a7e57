import { z } from 'zod'

/**
 * Single sign-on through the province's or city's 统一身份认证 (OpenID Connect). The REST contract
 * between the server, the login page, the admin page and the tests, defined once.
 */

/** Tells the login page which ways of signing in this server offers. */
export const SIGN_IN_OPTIONS_PATH = '/api/auth/config'
/** A top-level navigation here goes to the identity provider; `?returnTo=` a path of this site. */
export const SSO_START_PATH = '/api/auth/oidc/start'
/** Where the identity provider sends the browser back (the redirect URI registered there). */
export const SSO_CALLBACK_PATH = '/api/auth/oidc/callback'
/** The office's list of which 统一身份账号 belongs to which Guatu account. */
export const EXTERNAL_IDS_PATH = '/api/external-ids'

export const signInOptionsSchema = z.object({
  /** Whether user name and password are accepted (GUATU_LOCAL_LOGIN). */
  localLogin: z.boolean(),
  /** Present when 统一身份认证 is configured: the button's text. */
  sso: z.object({ label: z.string() }).nullable(),
})
export type SignInOptions = z.infer<typeof signInOptionsSchema>

export const MAX_EXTERNAL_ID_LENGTH = 128

/** The identity provider's value of the configured claim (GUATU_OIDC_USER_CLAIM), compared exactly. */
export const externalIdSchema = z
  .string({ error: '统一身份账号必须是文字' })
  .trim()
  .min(1, { error: '统一身份账号不能为空' })
  .max(MAX_EXTERNAL_ID_LENGTH, { error: `统一身份账号不能超过${MAX_EXTERNAL_ID_LENGTH}个字符` })
  // Control characters never belong in an identifier and would be invisible in the admin page.
  .regex(/^[^\p{Cc}]+$/u, { error: '统一身份账号不能含控制字符' })

/** PUT `${EXTERNAL_IDS_PATH}/:userId`: `null` removes the account's 统一身份账号. */
export const setExternalIdSchema = z.object({ externalId: externalIdSchema.nullable() })

export const externalIdentitySchema = z.object({ userId: z.string(), externalId: z.string() })
export type ExternalIdentity = z.infer<typeof externalIdentitySchema>
export const externalIdentitiesSchema = z.object({ identities: z.array(externalIdentitySchema) })
