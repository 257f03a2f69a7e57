import { z } from 'zod'
import { refuseXmlUnsafe } from '../domain/safeText.ts'

/** REST for a user's own API tokens (`/api/tokens`), for scripts. */
export const createTokenRequestSchema = z.object({ name: z.string().trim().max(60).superRefine(refuseXmlUnsafe('令牌名称')).optional() })
export type CreateTokenRequest = z.input<typeof createTokenRequestSchema>

/** POST /api/tokens answers 201 with the secret: shown once, only its hash is kept. */
export const createTokenResponseSchema = z.object({ token: z.string(), id: z.string(), name: z.string() })
export type CreateTokenResponse = z.infer<typeof createTokenResponseSchema>

/** A token as listed: never its secret. */
export const apiTokenSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string() })
export type ApiToken = z.infer<typeof apiTokenSchema>

/** GET /api/tokens */
export const tokenListResponseSchema = z.object({ tokens: z.array(apiTokenSchema) })
export type TokenListResponse = z.infer<typeof tokenListResponseSchema>
