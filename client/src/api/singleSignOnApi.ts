import { z } from 'zod'
import {
  EXTERNAL_IDS_PATH,
  SIGN_IN_OPTIONS_PATH,
  externalIdResponseSchema,
  externalIdentitiesSchema,
  signInOptionsSchema,
  type ExternalIdentity,
  type SignInOptions,
} from '@guatu/shared/api/externalIds'
import { SSO_START_PATH } from '@guatu/shared/domain/singleSignOn'
import { jsonBody, requestJson } from './http.ts'

/** What a server that does not answer (an older one) offers: passwords only. */
export const PASSWORDS_ONLY: SignInOptions = { localLogin: true, sso: null }

/** Which ways of signing in the server offers; the login page asks before showing them. */
export async function fetchSignInOptions(): Promise<SignInOptions> {
  const parsed = signInOptionsSchema.safeParse(await requestJson(SIGN_IN_OPTIONS_PATH, z.unknown(), { expectUnauthorized: true }))
  return parsed.success ? parsed.data : PASSWORDS_ONLY
}

/**
 * The address that starts a 统一身份认证 sign-in: a full-page navigation, since the identity
 * provider's login page is another site. The server accepts only a path of this site to return to.
 */
export function ssoStartUrl(returnTo: string): string {
  return `${SSO_START_PATH}?${new URLSearchParams({ returnTo }).toString()}`
}

/** Every account's 统一身份账号, for the office. */
export async function fetchExternalIds(): Promise<ExternalIdentity[]> {
  const { identities } = await requestJson(EXTERNAL_IDS_PATH, externalIdentitiesSchema)
  return identities
}

/** Sets, or with `null` removes, an account's 统一身份账号. */
export async function saveExternalId(userId: string, externalId: string | null): Promise<void> {
  await requestJson(`${EXTERNAL_IDS_PATH}/${encodeURIComponent(userId)}`, externalIdResponseSchema, { method: 'PUT', ...jsonBody({ externalId }) })
}
