import { Hono } from 'hono'
import { z } from 'zod'
import { createUserRequestSchema, patchUserRequestSchema, type UnlockedUserResponse, type UserListResponse, type UserResponse } from '@guatu/shared/api/users'
import { canAssignRoles } from '@guatu/shared/domain/permissions'
import { SecurityEventType } from '@guatu/shared/domain/securityEvent'
import { publicUser, type AccountService } from '../accounts/accountService.ts'
import type { SecurityAuditLog } from '../securityAudit/securityAuditLog.ts'
import { assertMayChangeUser, assertMayCreateUser, assertMayListUsers } from '../accounts/dutySeparation.ts'
import { requireUser, type AppEnv } from './appEnv.ts'
import { RequestError } from '../requestError.ts'
import { parseBody } from './parseBody.ts'
import { auditRequest } from './securityAuditing.ts'

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
    } satisfies UserListResponse)
  })

  // Unlocking is a security duty: the security admin's under 三员, the project office's otherwise.
  routes.post('/:id/unlock', async (c) => {
    if (!canAssignRoles(requireUser(c))) throw new RequestError(403, '只有安全管理员（未分设三员时为项目办）可以解锁账号')
    const user = await accounts.unlockUser(c.req.param('id'))
    await auditRequest(audit, c, { type: SecurityEventType.userChanged, target: user.id, detail: '解锁账号' })
    return c.json({ user: { ...publicUser(user), lockedUntil: null } } satisfies UnlockedUserResponse)
  })

  routes.post('/', async (c) => {
    const principal = requireUser(c)
    // Refuse before reading the body: someone with no say over accounts learns nothing from it.
    assertMayListUsers(principal)
    const input = await parseBody(c, createUserRequestSchema)
    assertMayCreateUser(principal, input, separated)
    const user = await accounts.createUser(input)
    await auditRequest(audit, c, {
      type: SecurityEventType.userCreated,
      target: user.id,
      detail: `${user.username} 角色=${user.role} 单位=${user.units.join('、')}`,
    })
    return c.json({ user: publicUser(user) } satisfies UserResponse, 201)
  })

  routes.patch('/:id', async (c) => {
    const admin = requireUser(c)
    assertMayListUsers(admin)
    const input = await parseBody(c, patchUserRequestSchema)
    assertMayChangeUser(admin, input, separated)
    const { user } = await accounts.updateUser(c.req.param('id'), input, admin.userId)
    await auditRequest(audit, c, { type: SecurityEventType.userChanged, target: user.id, detail: describePatch(input) })
    return c.json({ user: publicUser(user) } satisfies UserResponse)
  })

  return routes
}

/** The change as the audit log shows it: what was set, never the password itself. */
function describePatch(input: z.infer<typeof patchUserRequestSchema>): string {
  const parts: string[] = []
  if (input.password !== undefined) parts.push('重置密码')
  if (input.role !== undefined) parts.push(`角色=${input.role}`)
  if (input.units !== undefined) parts.push(`单位=${input.units.join('、')}`)
  if (input.displayName !== undefined) parts.push(`姓名=${input.displayName}`)
  if (input.disabled !== undefined) parts.push(input.disabled ? '停用' : '启用')
  return parts.join('；')
}
