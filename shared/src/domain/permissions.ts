import type { Principal, UserPrincipal } from './principal.ts'
import { Role, isDutyRole } from './role.ts'

/**
 * Who may change what. The server enforces these on every update; the client uses the same
 * functions only to grey out what would be refused.
 */
export function canWrite(principal: Principal): boolean {
  return principal.kind === 'user' && (principal.role === Role.admin || principal.role === Role.editor)
}

/** Whether the principal may edit or move a project whose 责任单位 is `unit`. */
export function canEditProjectOfUnit(principal: Principal, unit: string): boolean {
  if (principal.kind !== 'user') return false
  switch (principal.role) {
    case Role.admin:
      return true
    case Role.editor:
      return principal.units.includes(unit)
    case Role.viewer:
    case Role.systemAdmin:
    case Role.securityAdmin:
    case Role.auditAdmin:
      return false
  }
}

/** Deleting a project removes it from the ledger: the project office's decision, not a unit's. */
export function canDeleteProject(principal: Principal): boolean {
  return principal.kind === 'user' && principal.role === Role.admin
}

/**
 * 三员: while the office separates the duties, the project office's powers over accounts go to
 * three roles — accounts to the system admin, roles and units to the security admin, the security
 * audit log to the audit admin — and no one holds two. Otherwise the project office holds all three.
 */
function accountDutyHolder(principal: UserPrincipal, separatedRole: Role): boolean {
  return principal.dutiesSeparated ? principal.role === separatedRole : principal.role === Role.admin
}

/** Creating accounts, resetting passwords, disabling and enabling them. */
export function canManageAccounts(principal: Principal): boolean {
  return principal.kind === 'user' && accountDutyHolder(principal, Role.systemAdmin)
}

/** Giving an account its role and units (and, with separated duties, a 三员 role). */
export function canAssignRoles(principal: Principal): boolean {
  return principal.kind === 'user' && accountDutyHolder(principal, Role.securityAdmin)
}

/** The users list: whoever manages accounts or assigns roles. */
export function canListUsers(principal: Principal): boolean {
  return canManageAccounts(principal) || canAssignRoles(principal)
}

/** The security audit log (安全审计日志): read and exported by the audit admin, or the project office. */
export function canReadSecurityAudit(principal: Principal): boolean {
  return principal.kind === 'user' && accountDutyHolder(principal, Role.auditAdmin)
}

/** Creating boards, importing ledgers and changing board settings belong to the project office. */
export function canManageBoards(principal: Principal): boolean {
  return principal.kind === 'user' && principal.role === Role.admin
}

/** 督办单 are the project office's: only it issues, escalates and closes them. */
export function canIssueNotices(principal: Principal): boolean {
  return canManageBoards(principal)
}

/** The department whose project a notice is about answers it (办理情况). */
export function canReplyToNotice(principal: Principal, unit: string): boolean {
  return principal.kind === 'user' && principal.role === Role.editor && principal.units.includes(unit)
}

/** Units a principal may give a project: any for the project office, its own for a department. */
export function assignableUnits(principal: Principal): 'any' | readonly string[] {
  if (principal.kind !== 'user') return []
  switch (principal.role) {
    case Role.admin:
      return 'any'
    case Role.editor:
      return principal.units
    case Role.viewer:
    case Role.systemAdmin:
    case Role.securityAdmin:
    case Role.auditAdmin:
      return []
  }
}

/** Every person reads every board, except the 三员, whose work is the accounts and the log. */
export function canReadBoard(principal: Principal, boardId: string): boolean {
  return principal.kind === 'user' ? !isDutyRole(principal.role) : principal.boardId === boardId
}

/** The reason shown when a write is refused, in the words of the person refused. */
export function editRefusal(principal: Principal, unit: string): string {
  if (principal.kind === 'screen') return '大屏链接只能查看，不能修改'
  if (principal.role === Role.viewer) return '领导账号只能查看，不能修改'
  if (isDutyRole(principal.role)) return '三员账号不能修改看板'
  return `只能修改本单位的项目，「${unit}」的项目不属于您的单位（${principal.units.join('、') || '未绑定单位'}）`
}
