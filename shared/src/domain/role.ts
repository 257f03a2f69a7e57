/** Account roles. Labels are what the users call themselves; logic switches on the ids. */
export const Role = {
  /** 项目办: everything — every project, board settings, users. */
  admin: 'admin',
  /** 责任单位: edits and moves only projects of its own units. */
  editor: 'editor',
  /** 领导: reads every board, writes nothing. */
  viewer: 'viewer',
} as const
export type Role = (typeof Role)[keyof typeof Role]

export const ROLES: readonly Role[] = [Role.admin, Role.editor, Role.viewer]

export const ROLE_LABEL: Record<Role, string> = {
  admin: '项目办',
  editor: '责任单位',
  viewer: '领导',
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
