import { CloseCode } from '@guatu/shared/sync/protocol'
import type { AccountStore } from './accountStore.ts'
import { hashSecret } from './secretTokens.ts'

/**
 * What an open socket was authenticated with, so that revoking exactly that credential closes
 * exactly its sockets: one session (by the hash of its token, never the token itself), one API
 * token (by its id, which is what DELETE /api/tokens/:id names), or a screen link.
 */
export type CredentialRef = `session:${string}` | `api-token:${string}` | `screen:${string}`

export function sessionCredential(sessionToken: string): CredentialRef {
  return `session:${hashSecret(sessionToken)}`
}

export function apiTokenCredential(tokenId: string): CredentialRef {
  return `api-token:${tokenId}`
}

/** Why sockets are being closed; each cause has its own close code and Chinese reason. */
export const RevocationCause = {
  loggedOut: 'logged-out',
  tokenDeleted: 'token-deleted',
  passwordChanged: 'password-changed',
  /** The user changed their own password: their page reconnects on the fresh session, every other is out. */
  ownPasswordChanged: 'own-password-changed',
  disabled: 'disabled',
  /** Role or units changed: the client reconnects at once and gets the new permissions. */
  accessChanged: 'access-changed',
  /** The office changed or removed the account's 统一身份账号: whoever signed in with the old one is out. */
  identityChanged: 'identity-changed',
} as const
export type RevocationCause = (typeof RevocationCause)[keyof typeof RevocationCause]
export const REVOCATION_CAUSES = Object.values(RevocationCause) as [RevocationCause, ...RevocationCause[]]

/** 4401 makes the client ask for a new sign-in; 1012 makes it reconnect with the credential it has. */
export const REVOCATION_CLOSE: Record<RevocationCause, { code: CloseCode; reason: string }> = {
  [RevocationCause.loggedOut]: { code: CloseCode.unauthorized, reason: '已退出登录，请重新登录' },
  [RevocationCause.tokenDeleted]: { code: CloseCode.unauthorized, reason: '脚本令牌已被删除' },
  [RevocationCause.passwordChanged]: { code: CloseCode.unauthorized, reason: '密码已更改，登录已失效，请重新登录' },
  [RevocationCause.ownPasswordChanged]: { code: CloseCode.serverRestart, reason: '密码已修改，正在重新连接' },
  [RevocationCause.disabled]: { code: CloseCode.unauthorized, reason: '账号已停用，登录已失效' },
  [RevocationCause.accessChanged]: { code: CloseCode.serverRestart, reason: '权限已变更，正在重新连接' },
  [RevocationCause.identityChanged]: { code: CloseCode.unauthorized, reason: '统一身份账号已变更，登录已失效，请重新登录' },
}

/** One credential, or everything a user holds. Answered (REST) only once every process was told. */
export type Revocation = { scope: 'credential'; credential: CredentialRef; cause: RevocationCause } | { scope: 'user'; userId: string; cause: RevocationCause }

/**
 * Ends every way a user can act without typing the password again: the sessions and the API
 * tokens. Used after a password change or a reset by the office — a token made before the reset
 * must not outlive it (whoever knew the old password may have made it).
 */
export async function revokeAllCredentials(store: AccountStore, userId: string): Promise<void> {
  await store.deleteSessionsOfUser(userId)
  for (const token of await store.listApiTokens(userId)) await store.deleteApiToken(token.id, userId)
}

/** What a change to a user ends: which cause closes their sockets, if any. */
export function revocationForUserChange(change: { password?: string; role?: unknown; units?: unknown; disabled?: boolean }): RevocationCause | undefined {
  if (change.password !== undefined) return RevocationCause.passwordChanged
  if (change.disabled === true) return RevocationCause.disabled
  if (change.role !== undefined || change.units !== undefined) return RevocationCause.accessChanged
  return undefined
}
