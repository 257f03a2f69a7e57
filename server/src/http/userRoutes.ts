import { Hono } from 'hono'
import { z } from 'zod'
import { refuseXmlUnsafe } from '@guatu/shared/domain/safeText'
import { ROLES, Role } from '@guatu/shared/domain/role'
import { publicUser, type AccountService } from '../accounts/accountService.ts'
import { MIN_PASSWORD_LENGTH } from '../accounts/passwords.ts'
import { requireAdmin, type AppEnv } from './appEnv.ts'
import { parseBody } from './parseBody.ts'

const password = z
  .string({ error: '密码必须是文字' })
  .min(MIN_PASSWORD_LENGTH, { error: `密码至少${MIN_PASSWORD_LENGTH}位` })
  .max(256, { error: '密码过长' })
const role = z.enum(ROLES as [Role, ...Role[]], { error: '角色须为 admin（项目办）、editor（责任单位）或 viewer（领导）' })
const units = z
  .array(z.string().trim().min(1, { error: '单位名称不能为空' }).max(50, { error: '单位名称过长' }).superRefine(refuseXmlUnsafe('单位名称')), { error: '责任单位须为单位名称列表' })
  .max(50)
const displayName = z.string({ error: '姓名必须是文字' }).max(40, { error: '姓名过长' }).superRefine(refuseXmlUnsafe('姓名'))

const createUserSchema = z
  .object({
    username: z
      .string({ error: '请输入用户名' })
      .trim()
      .regex(/^[A-Za-z0-9_.-]{2,40}$/, { error: '用户名须为2至40位字母、数字或 _ . -' }),
    password,
    role,
    units: units.default([]),
    displayName: displayName.optional(),
  })
  .refine((user) => user.role !== Role.editor || user.units.length > 0, { error: '责任单位账号至少要绑定一个单位' })

const patchUserSchema = z.object({
  password: password.optional(),
  role: role.optional(),
  units: units.optional(),
  displayName: displayName.optional(),
  disabled: z.boolean({ error: '停用状态须为 true 或 false' }).optional(),
})

/**
 * Users, for the project office: list (with whether each is locked after failed logins), add,
 * change role, units, password, disable, unlock. Changes that end or alter access close the
 * user's open sockets through AccountService.onRevoked.
 */
export function userRoutes(accounts: AccountService): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  routes.get('/', async (c) => {
    requireAdmin(c)
    const users = await accounts.listUsers()
    const locks = await accounts.lockout.lockedUntil(users.map((user) => user.id))
    return c.json({
      users: users.map((user) => {
        const lockedUntil = locks.get(user.id)
        return { ...publicUser(user), lockedUntil: lockedUntil === undefined ? null : new Date(lockedUntil).toISOString() }
      }),
    })
  })

  routes.post('/:id/unlock', async (c) => {
    requireAdmin(c)
    const user = await accounts.unlockUser(c.req.param('id'))
    return c.json({ user: { ...publicUser(user), lockedUntil: null } })
  })

  routes.post('/', async (c) => {
    requireAdmin(c)
    const input = await parseBody(c, createUserSchema)
    return c.json({ user: publicUser(await accounts.createUser(input)) }, 201)
  })

  routes.patch('/:id', async (c) => {
    const admin = requireAdmin(c)
    const input = await parseBody(c, patchUserSchema)
    const { user } = await accounts.updateUser(c.req.param('id'), input, admin.userId)
    return c.json({ user: publicUser(user) })
  })

  return routes
}
