import { z } from 'zod'
import { externalIdentitiesSchema, externalIdentitySchema } from '../domain/singleSignOn.ts'

/**
 * REST for the office's 统一身份账号 (EXTERNAL_IDS_PATH) and sign-in options (SIGN_IN_OPTIONS_PATH).
 * The paths and the request schema live with the single sign-on domain (domain/singleSignOn.ts).
 */
export { EXTERNAL_IDS_PATH, SIGN_IN_OPTIONS_PATH, externalIdentitiesSchema, setExternalIdSchema, signInOptionsSchema } from '../domain/singleSignOn.ts'
export type { ExternalIdentity, SignInOptions } from '../domain/singleSignOn.ts'

/** PUT `${EXTERNAL_IDS_PATH}/:userId`: the account's 统一身份账号 now, or null when removed. */
export const externalIdResponseSchema = z.object({ identity: externalIdentitySchema.nullable() })
export type ExternalIdResponse = z.infer<typeof externalIdResponseSchema>

/** GET EXTERNAL_IDS_PATH: every account's 统一身份账号, for the office. */
export type ExternalIdentitiesResponse = z.infer<typeof externalIdentitiesSchema>
