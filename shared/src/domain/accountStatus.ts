import { chinaMinute } from './chinaTime.ts'
import { z } from 'zod'
import { PasswordChangeReason } from './passwordPolicy.ts'

/**
 * What the signed-in user is told about their own account with `/api/login` and `/api/me`: the
 * previous sign-in (等保: 登录时间和地址), failed attempts since, whether the password must be changed
 * first, and the rules a new one must follow.
 */
export const accountStatusSchema = z.object({
  lastLogin: z.object({ at: z.string(), address: z.string() }).nullable(),
  failedLoginsSince: z.number().int().min(0),
  passwordChangeRequired: z.enum([PasswordChangeReason.initial, PasswordChangeReason.expired]).nullable(),
  passwordPolicy: z.object({ minLength: z.number().int(), minClasses: z.number().int(), maxAgeDays: z.number().int() }),
  /** The idle timeout: a page nobody touched this long signs itself out, closing its board socket too. */
  sessionIdleMs: z.number().int().positive(),
})
export type AccountStatus = z.infer<typeof accountStatusSchema>

/** POST /api/password: the user's own password change. */
export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: '请输入当前密码' }).min(1, { error: '请输入当前密码' }).max(256),
  newPassword: z.string({ error: '请输入新密码' }).min(1, { error: '请输入新密码' }).max(256, { error: '密码过长' }),
})
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>

/** "2026-12-05 09:12" in the server's and the office's time zone (China has one). */
export function formatLoginTime(iso: string): string {
  return chinaMinute(iso)
}
