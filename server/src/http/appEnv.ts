import type { HttpBindings } from '@hono/node-server'
import type { Context } from 'hono'
import type { Principal, UserPrincipal } from '@guatu/shared/domain/principal'
import { canManageAccounts, canManageBoards, canReadBoard } from '@guatu/shared/domain/permissions'
import { RequestError } from '../requestError.ts'

/**
 * Hono's typing for this app: Node bindings, the principal the auth middleware found, and the
 * client address (the X-Forwarded-For hop when the peer is a trusted proxy, see clientAddress.ts).
 */
export type AppEnv = {
  Bindings: HttpBindings
  Variables: { principal: Principal | undefined; clientAddress: string | undefined }
}

export type AppContext = Context<AppEnv>

export function requirePrincipal(c: AppContext): Principal {
  const principal = c.get('principal')
  if (!principal) throw new RequestError(401, '请先登录')
  return principal
}

/** The board's REST (detail, history, figures, meetings, exports) is for those who may read the board. */
export function requireReadableBoard(c: AppContext, boardId: string): void {
  if (!canReadBoard(requirePrincipal(c), boardId)) throw new RequestError(403, '无权查看此看板')
}

export function requireUser(c: AppContext): UserPrincipal {
  const principal = requirePrincipal(c)
  if (principal.kind !== 'user') throw new RequestError(403, '大屏链接不能进行此操作')
  return principal
}

export function requireAdmin(c: AppContext): UserPrincipal {
  const principal = requireUser(c)
  if (!canManageAccounts(principal)) throw new RequestError(403, '只有项目办可以进行此操作')
  return principal
}

/** The project office's board work (boards, screen links), which stays with 项目办 under 三员. */
export function requireOffice(c: AppContext): UserPrincipal {
  const principal = requireUser(c)
  if (!canManageBoards(principal)) throw new RequestError(403, '只有项目办可以进行此操作')
  return principal
}

/** The peer's TCP address, whoever it is (a proxy, or the client itself). */
export function peerAddress(c: AppContext): string | undefined {
  return c.env?.incoming?.socket?.remoteAddress
}

/** The client's address, for login throttling and logs: set by the clientAddress middleware. */
export function clientAddress(c: AppContext): string {
  return c.get('clientAddress') ?? peerAddress(c) ?? 'unknown'
}
