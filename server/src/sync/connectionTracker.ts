import type { Principal } from '@guatu/shared/domain/principal'
import { CloseCode } from '@guatu/shared/sync/protocol'
import type { Connection } from './connection.ts'

function principalKey(principal: Principal): string {
  return principal.kind === 'user' ? `user:${principal.userId}` : `screen:${principal.linkId}`
}

/**
 * Open connections per principal: enforces the per-user connection limit and lets the server
 * disconnect everything of a revoked screen link or a disabled user at once.
 */
export class ConnectionTracker {
  private readonly byPrincipal = new Map<string, Set<Connection>>()

  constructor(private readonly maxPerPrincipal: number) {}

  /** Registers the connection; false when its principal already has the most it may. */
  tryAdd(connection: Connection): boolean {
    const key = principalKey(connection.principal)
    const open = this.byPrincipal.get(key) ?? new Set<Connection>()
    if (open.size >= this.maxPerPrincipal) return false
    open.add(connection)
    this.byPrincipal.set(key, open)
    return true
  }

  remove(connection: Connection): void {
    const key = principalKey(connection.principal)
    const open = this.byPrincipal.get(key)
    open?.delete(connection)
    if (open?.size === 0) this.byPrincipal.delete(key)
  }

  closeScreenLink(linkId: string): void {
    for (const connection of [...(this.byPrincipal.get(`screen:${linkId}`) ?? [])]) {
      connection.close(CloseCode.forbidden, '大屏链接已被撤销')
    }
  }

  /**
   * Closes a user's connections after their access changed: signed out (sessions ended) they must
   * sign in again; with new permissions they reconnect at once and get them.
   */
  closeUser(userId: string, sessionsEnded: boolean): void {
    for (const connection of [...(this.byPrincipal.get(`user:${userId}`) ?? [])]) {
      if (sessionsEnded) connection.close(CloseCode.unauthorized, '登录已失效，请重新登录')
      else connection.close(CloseCode.serverRestart, '权限已变更，正在重新连接')
    }
  }
}
