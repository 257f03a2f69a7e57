import { canAssignRoles, canListUsers, canManageAccounts } from '@guatu/shared/domain/permissions'
import type { Principal } from '@guatu/shared/domain/principal'
import { Role, isDutyRole } from '@guatu/shared/domain/role'
import { RequestError } from '../requestError.ts'

/**
 * Who may do what to accounts, field by field (三员 when the duties are separated, the project office
 * otherwise; see shared/src/domain/permissions.ts). Refusals are 403 with the duty that may.
 */
const NOT_ACCOUNT_ADMIN = '只有系统管理员（未分设三员时为项目办）可以新建、停用账号或重置密码'
const NOT_ROLE_ADMIN = '只有安全管理员（未分设三员时为项目办）可以设置角色和单位'

export function assertMayListUsers(principal: Principal): void {
  if (!canListUsers(principal)) throw new RequestError(403, '只有项目办（或三员中的系统管理员、安全管理员）可以查看账号')
}

/** A 三员 role exists only while the duties are separated. */
function assertRoleAvailable(role: Role | undefined, separated: boolean): void {
  if (role !== undefined && isDutyRole(role) && !separated) throw new RequestError(400, '未启用三员分立（GUATU_SEPARATE_ADMIN_DUTIES），不能设置三员角色')
}

/**
 * A new account. With separated duties the system admin creates it bare (领导, no units) and the
 * security admin then gives it a role: no one can both make an account and grant it rights.
 */
export function assertMayCreateUser(principal: Principal, input: { role: Role; units: readonly string[] }, separated: boolean): void {
  if (!canManageAccounts(principal)) throw new RequestError(403, NOT_ACCOUNT_ADMIN)
  assertRoleAvailable(input.role, separated)
  if (separated && (input.role !== Role.viewer || input.units.length > 0)) {
    throw new RequestError(403, '三员分立：新账号由系统管理员创建为「领导」且不绑定单位，角色和单位由安全管理员设置')
  }
}

export function assertMayChangeUser(
  principal: Principal,
  input: { password?: string; role?: Role; units?: readonly string[]; displayName?: string; disabled?: boolean },
  separated: boolean,
): void {
  const accountFields = input.password !== undefined || input.disabled !== undefined || input.displayName !== undefined
  const roleFields = input.role !== undefined || input.units !== undefined
  if (accountFields && !canManageAccounts(principal)) throw new RequestError(403, NOT_ACCOUNT_ADMIN)
  if (roleFields && !canAssignRoles(principal)) throw new RequestError(403, NOT_ROLE_ADMIN)
  if (!accountFields && !roleFields && !canListUsers(principal)) throw new RequestError(403, NOT_ACCOUNT_ADMIN)
  assertRoleAvailable(input.role, separated)
}
