import { z } from 'zod'
import { MAX_PASSWORD_LENGTH } from '../domain/passwordPolicy.ts'
import { ROLES, Role } from '../domain/role.ts'
import { refuseXmlUnsafe } from '../domain/safeText.ts'

/** REST for accounts as the admin page manages them (`/api/users`). */

export const roleSchema = z.enum(ROLES as [Role, ...Role[]], {
  error: '角色须为 admin（项目办）、editor（责任单位）、viewer（领导），或三员分立时的 system-admin、security-admin、audit-admin',
})

/** A user as the API shows it: never with its password hash. */
export const publicUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  units: z.array(z.string()),
  disabled: z.boolean(),
  createdAt: z.string(),
})
export type PublicUser = z.infer<typeof publicUserSchema>

/** A user as the list shows it: with until when failed logins lock it (ISO time), or null. */
export const listedUserSchema = publicUserSchema.extend({ lockedUntil: z.string().nullable() })
export type ListedUser = z.infer<typeof listedUserSchema>

/** GET /api/users */
export const userListResponseSchema = z.object({ users: z.array(listedUserSchema) })
export type UserListResponse = z.infer<typeof userListResponseSchema>

/** POST /api/users (201) and PATCH /api/users/:id */
export const userResponseSchema = z.object({ user: publicUserSchema })
export type UserResponse = z.infer<typeof userResponseSchema>

/** POST /api/users/:id/unlock: the user, no longer locked. */
export const unlockedUserResponseSchema = z.object({ user: listedUserSchema })
export type UnlockedUserResponse = z.infer<typeof unlockedUserResponseSchema>

/** Length and complexity are the policy's (server accounts/passwordPolicy.ts), checked by the service. */
const password = z.string({ error: '密码必须是文字' }).min(1, { error: '请输入密码' }).max(MAX_PASSWORD_LENGTH, { error: '密码过长' })
const units = z
  .array(z.string().trim().min(1, { error: '单位名称不能为空' }).max(50, { error: '单位名称过长' }).superRefine(refuseXmlUnsafe('单位名称')), {
    error: '责任单位须为单位名称列表',
  })
  .max(50)
const displayName = z.string({ error: '姓名必须是文字' }).max(40, { error: '姓名过长' }).superRefine(refuseXmlUnsafe('姓名'))

/** POST /api/users. A 责任单位 account without a unit could see nothing it may edit. */
export const createUserRequestSchema = z
  .object({
    username: z
      .string({ error: '请输入用户名' })
      .trim()
      .regex(/^[A-Za-z0-9_.-]{2,40}$/, { error: '用户名须为2至40位字母、数字或 _ . -' }),
    password,
    role: roleSchema,
    units: units.default([]),
    displayName: displayName.optional(),
  })
  .refine((user) => user.role !== Role.editor || user.units.length > 0, { error: '责任单位账号至少要绑定一个单位' })
export type CreateUserRequest = z.input<typeof createUserRequestSchema>

/** PATCH /api/users/:id: only what is sent changes. */
export const patchUserRequestSchema = z.object({
  password: password.optional(),
  role: roleSchema.optional(),
  units: units.optional(),
  displayName: displayName.optional(),
  disabled: z.boolean({ error: '停用状态须为 true 或 false' }).optional(),
})
export type PatchUserRequest = z.input<typeof patchUserRequestSchema>
