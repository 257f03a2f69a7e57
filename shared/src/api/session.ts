import { z } from 'zod'
import { accountStatusSchema } from '../domain/accountStatus.ts'
import { publicUserSchema } from './users.ts'

/**
 * REST for signing in and out and for who the caller is: `/api/login`, `/api/logout`, `/api/me`,
 * `/api/password`. The password change's body is `changePasswordSchema` in domain/accountStatus.ts.
 */

/** POST /api/login */
export const loginRequestSchema = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, { error: '请输入用户名' }).max(64),
  password: z.string({ error: '请输入密码' }).min(1, { error: '请输入密码' }).max(256),
})
export type LoginRequest = z.input<typeof loginRequestSchema>

/** POST /api/login and POST /api/password: the account, with the notice shown after sign-in. */
export const signedInResponseSchema = z.object({ user: publicUserSchema, status: accountStatusSchema })
export type SignedInResponse = z.infer<typeof signedInResponseSchema>

/** The signed-in person as `/api/me` describes them. */
export const sessionUserSchema = publicUserSchema.pick({ id: true, username: true, displayName: true, role: true, units: true }).extend({
  /** 三员: the office separates the duties over accounts. */
  dutiesSeparated: z.boolean().optional(),
})
export type SessionUser = z.infer<typeof sessionUserSchema>

/** GET /api/me for a person; `status` is missing when the account was removed since the session began. */
export const userMeResponseSchema = z.object({ user: sessionUserSchema, status: accountStatusSchema.optional() })
/** GET /api/me for a wall display holding a screen link. */
/** GET /api/me for a signed-in account. */
export type UserMeResponse = z.infer<typeof userMeResponseSchema>
export const screenMeResponseSchema = z.object({ screen: z.object({ boardId: z.string(), name: z.string() }) })
export const meResponseSchema = z.union([userMeResponseSchema, screenMeResponseSchema])
export type MeResponse = z.infer<typeof meResponseSchema>
