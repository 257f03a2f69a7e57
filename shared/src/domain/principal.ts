import type { PasswordChangeReason } from './passwordPolicy.ts'
import type { Role } from './role.ts'

/**
 * Who is behind a request or a connection, as the server authenticated it. A screen link is not a
 * person: it reads one board and nothing else.
 */
export type Principal =
  | {
      kind: 'user'
      userId: string
      username: string
      displayName: string
      role: Role
      units: readonly string[]
      /** Set when the user must change the password first: every other request is refused until then. */
      passwordChangeRequired?: PasswordChangeReason
      /** 三员: the office separates the duties over accounts (see permissions.ts). */
      dutiesSeparated?: boolean
    }
  | { kind: 'screen'; linkId: string; boardId: string; name: string }

export type UserPrincipal = Extract<Principal, { kind: 'user' }>

/** How a principal is named in history and logs: "张三（工信局）", "大屏：会议室". */
export function principalLabel(principal: Principal): string {
  if (principal.kind === 'screen') return `大屏：${principal.name}`
  const units = principal.units.length > 0 ? `（${principal.units.join('、')}）` : ''
  return `${principal.displayName || principal.username}${units}`
}

/** A stable id for history: the user's id, or the screen link's. */
export function principalId(principal: Principal): string {
  return principal.kind === 'user' ? principal.userId : principal.linkId
}
