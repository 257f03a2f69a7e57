import { Hono } from 'hono'
import { z } from 'zod'
import { refuseXmlUnsafe } from '@guatu/shared/domain/safeText'
import { MAX_PASSWORD_LENGTH } from '@guatu/shared/domain/passwordPolicy'
import { canAssignRoles } from '@guatu/shared/domain/permissions'
import { ROLES, Role } from '@guatu/shared/domain/role'
import { SecurityEventType } from '@guatu/shared/domain/securityEvent'
import { publicUser, type AccountService } from '../accounts/accountService.ts'
import type { SecurityAuditLog } from '../securityAudit/securityAuditLog.ts'
import { assertMayChangeUser, assertMayCreateUser, assertMayListUsers } from '../accounts/dutySeparation.ts'
import { requireUser, type AppEnv } from './appEnv.ts'
import { RequestError } from '../requestError.ts'
import { parseBody } from './parseBody.ts'
import { auditRequest } from './securityAuditing.ts'

/** Length and complexity are the policy's (accounts/passwordPolicy.ts), checked by the service. */
const password = z.string({ error: '密码必须是文字' }).min(1, { error: '请输入密码' }).max(MAX_PASSWORD_LENGTH, { error: '密码过长' })
const role = z.enum(ROLES as [Role, ...Role[]], {
  error: '角色须为 admin（项目办）、editor（责任单位）、viewer（领导），或三员分立时的 system-admin、security-admin、audit-admin',
})
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
 * Users, for the project office (or, with separated duties, the system and security admins): list
 * (with whether each is locked after failed logins), add, change role, units, password, disable,
 * unlock. Changes that end or alter access close the user's open sockets through
 * AccountService.onRevoked.
 */
export function userRoutes(accounts: AccountService, audit: SecurityAuditLog): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  const separated = accounts.controls.separateDuties

  routes.get('/', async (c) => {
    assertMayListUsers(requireUser(c))
    const users = await accounts.listUsers()
    const locks = await accounts.lockout.lockedUntil(users.map((user) => user.id))
    return c.json({
      users: users.map((user) => {
        const lockedUntil = locks.get(user.id)
        return { ...publicUser(user), lockedUntil: lockedUntil === undefined ? null : new Date(lockedUntil).toISOString() }
      }),
    })
  })

  // Unlocking is a security duty: the security admin's under 三员, the project office's otherwise.
  routes.post('/:id/unlock', async (c) => {
    if (!canAssignRoles(requireUser(c))) throw new RequestError(403, '只有安全管理员（未分设三员时为项目办）可以解锁账号')
    const user = await accounts.unlockUser(c.req.param('id'))
    await auditRequest(audit, c, { type: SecurityEventType.userChanged, target: user.id, detail: '解锁账号' })
    return c.json({ user: { ...publicUser(user), lockedUntil: null } })
  })

  routes.post('/', async (c) => {
    const principal = requireUser(c)
    // Refuse before reading the body: someone with no say over accounts learns nothing from it.
    assertMayListUsers(principal)
    const input = await parseBody(c, createUserSchema)
    assertMayCreateUser(principal, input, separated)
    const user = await accounts.createUser(input)
    await auditRequest(audit, c, { type: SecurityEventType.userCreated, target: user.id, detail: `${user.username} 角色=${user.role} 单位=${user.units.join('、')}` })
    return c.json({ user: publicUser(user) }, 201)
  })

  routes.patch('/:id', async (c) => {
    const admin = requireUser(c)
    assertMayListUsers(admin)
    const input = await parseBody(c, patchUserSchema)
    assertMayChangeUser(admin, input, separated)
    const { user } = await accounts.updateUser(c.req.param('id'), input, admin.userId)
    await auditRequest(audit, c, { type: SecurityEventType.userChanged, target: user.id, detail: describePatch(input) })
    return c.json({ user: publicUser(user) })
  })

  return routes
}

/** The change as the audit log shows it: what was set, never the password itself. */
function describePatch(input: z.infer<typeof patchUserSchema>): string {
  const parts: string[] = []
  if (input.password !== undefined) parts.push('重置密码')
  if (input.role !== undefined) parts.push(`角色=${input.role}`)
  if (input.units !== undefined) parts.push(`单位=${input.units.join('、')}`)
  if (input.displayName !== undefined) parts.push(`姓名=${input.displayName}`)
  if (input.disabled !== undefined) parts.push(input.disabled ? '停用' : '启用')
  return parts.join('；')
}
