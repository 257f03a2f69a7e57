/** Account roles. Labels are what the users call themselves; logic switches on the ids. */
export const Role = {
  /** 项目办: everything — every project, board settings, and (unless 三员 are separated) users. */
  admin: 'admin',
  /** 责任单位: edits and moves only projects of its own units. */
  editor: 'editor',
  /** 领导: reads every board, writes nothing. */
  viewer: 'viewer',
  /**
   * 三员 (等保 level 3: 系统管理员、安全管理员、审计管理员), only when the office separates the duties
   * (GUATU_SEPARATE_ADMIN_DUTIES). None of them sees a board.
   * 系统管理员: creates accounts, resets passwords, disables and enables them.
   */
  systemAdmin: 'system-admin',
  /** 安全管理员: gives accounts their role and units. */
  securityAdmin: 'security-admin',
  /** 审计管理员: reads and exports the security audit log, nothing else. */
  auditAdmin: 'audit-admin',
} as const
export type Role = (typeof Role)[keyof typeof Role]

export const ROLES: readonly Role[] = [Role.admin, Role.editor, Role.viewer, Role.systemAdmin, Role.securityAdmin, Role.auditAdmin]

/** The roles of the board's work, always available. */
export const WORK_ROLES: readonly Role[] = [Role.admin, Role.editor, Role.viewer]
/** The 三员 roles, assignable only while the duties are separated. */
export const DUTY_ROLES: readonly Role[] = [Role.systemAdmin, Role.securityAdmin, Role.auditAdmin]

export const ROLE_LABEL: Record<Role, string> = {
  admin: '项目办',
  editor: '责任单位',
  viewer: '领导',
  'system-admin': '系统管理员',
  'security-admin': '安全管理员',
  'audit-admin': '审计管理员',
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** The roles an account form offers: the 三员 only while the duties are separated. */
export function offeredRoles(dutiesSeparated: boolean | undefined): readonly Role[] {
  return dutiesSeparated ? ROLES : WORK_ROLES
}

export function isDutyRole(role: Role): boolean {
  return DUTY_ROLES.includes(role)
}
