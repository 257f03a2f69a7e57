import type { UpgradeWebSocket, WSContext } from 'hono/ws'
import { getCookie } from 'hono/cookie'
import type { WebSocket } from 'ws'
import { canReadBoard } from '@guatu/shared/domain/permissions'
import { principalLabel, type Principal } from '@guatu/shared/domain/principal'
import { PASSWORD_CHANGE_REFUSAL } from '@guatu/shared/domain/passwordPolicy'
import { SecurityEventType } from '@guatu/shared/domain/securityEvent'
import { CloseCode, SyncParam } from '@guatu/shared/sync/protocol'
import type { AccountService } from '../accounts/accountService.ts'
import { REVOCATION_CLOSE, apiTokenCredential, sessionCredential, type CredentialRef } from '../accounts/credentialRevocation.ts'
import type { Logger } from '../log.ts'
import type { SecurityAuditLog } from '../securityAudit/securityAuditLog.ts'
import type { CommitQueue } from '../sync/commitQueue.ts'
import { Connection, ConnectionHandler } from '../sync/connection.ts'
import { errorFields } from '../log.ts'
import type { ConnectionTracker } from '../sync/connectionTracker.ts'
import type { ConnectionLimits } from '../sync/rateLimit.ts'
import type { RoomRegistry } from '../sync/roomRegistry.ts'
import type { SyncSocket } from '../sync/socket.ts'
import type { AppContext } from './appEnv.ts'
import { SESSION_COOKIE, resolvePrincipal } from './authentication.ts'
import { isAllowedOrigin } from './originCheck.ts'
import { auditRequest } from './securityAuditing.ts'
import { sendParts, sendShared } from './websocketFrames.ts'

export interface SyncRouteDependencies {
  rooms: RoomRegistry
  commits: CommitQueue
  accounts: AccountService
  tracker: ConnectionTracker
  limits: ConnectionLimits
  allowedOrigins: readonly string[]
  log: Logger
  securityAudit: SecurityAuditLog
}

/** Why a socket is closed right after the upgrade, before any document content is sent. */
type Refusal = { code: number; reason: string }

/** Who the socket is for, and when its session reaches the absolute lifetime (a cookie's only). */
/**
 * Who opened the socket, with which credential (so that revoking it closes this socket), and until
 * when a session socket may stay open (the session's absolute lifetime).
 */
type Access = { principal: Principal; credential: CredentialRef | undefined; sessionDeadline: number | undefined }

/** setTimeout's limit; a longer lifetime (GUATU_SESSION_MAX_MS above ~24 days) is not timed. */
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * The websocket upgrade for `/sync/:boardId`, speaking the standard y-websocket protocol. Credentials
 * (cookie or `?token=`) and the Origin header are checked before the upgrade completes; a refused
 * socket is closed with a code and a Chinese reason and never sees the board. This is the only
 * place that knows the socket comes from Hono and `ws`.
 */
export function syncHandler(upgradeWebSocket: UpgradeWebSocket<WebSocket>, deps: SyncRouteDependencies) {
  return upgradeWebSocket(async (c) => {
    const boardId = c.req.param('boardId') ?? ''
    const wantsAcks = c.req.query(SyncParam.acks) === '1'
    // Revocations from now on reach this socket even if they land before it is registered.
    const checkedAt = Date.now()
    // A storage failure while checking credentials refuses this socket, with a reason, and nothing else.
    const access = await authorize(c, boardId, deps).catch((error: unknown): Refusal => {
      deps.log.error('connection handler failed', { boardId, handler: ConnectionHandler.open, ...errorFields(error) })
      return { code: CloseCode.internalError, reason: '服务器暂时无法验证身份，请稍后重试' }
    })
    if ('code' in access && worthAuditing(access, c)) {
      await auditRequest(deps.securityAudit, c, { type: SecurityEventType.socketRefused, target: `board:${boardId}`, detail: access.reason })
    }
    let connection: Connection | undefined
    let lifetimeTimer: NodeJS.Timeout | undefined
    return {
      onOpen(_event, ws) {
        try {
          open(ws, access)
        } catch (error) {
          // A failure here concerns this socket alone; the upgrade must never reach the process.
          deps.log.error('connection handler failed', { boardId, handler: ConnectionHandler.open, ...errorFields(error) })
          release()
          ws.close(CloseCode.internalError, '服务器处理此连接时出错，已断开')
        }
      },
      onClose(event) {
        if (event.code === CloseCode.messageTooLarge) deps.log.warn('message too large', { boardId })
        release()
      },
      onError() {
        release()
      },
    }

    function open(ws: WSContext<WebSocket>, access: Access | Refusal): void {
      if ('code' in access) {
        deps.log.warn('sync refused', { boardId, code: access.code, reason: access.reason })
        ws.close(access.code, access.reason)
        return
      }
      const revoked = deps.tracker.revokedSince(access.principal, access.credential, checkedAt)
      if (revoked) {
        ws.close(REVOCATION_CLOSE[revoked].code, REVOCATION_CLOSE[revoked].reason)
        return
      }
      const opened = new Connection(adaptSocket(ws), boardId, access.principal, deps.limits, wantsAcks, deps.log, (work) => deps.commits.dispatch(work))
      if (!deps.tracker.tryAdd(opened, access.credential)) {
        deps.log.warn('too many connections', { principal: principalLabel(access.principal) })
        opened.close(CloseCode.rateLimited, '同一账号的连接数过多，请关闭其他页面后重试')
        return
      }
      connection = opened
      receiveMessages(ws, opened)
      // The session's absolute lifetime ends the socket too (等保: the session does not outlive it).
      const remainingMs = access.sessionDeadline === undefined ? undefined : access.sessionDeadline - Date.now()
      if (remainingMs !== undefined && remainingMs <= MAX_TIMER_MS) {
        lifetimeTimer = setTimeout(() => opened.close(CloseCode.unauthorized, '登录已超过最长有效期，请重新登录'), Math.max(0, remainingMs))
        lifetimeTimer.unref()
      }
      deps.rooms.open(boardId).then(
        // attach runs under the connection's own error boundary (Connection.guard).
        (room) => {
          if (room) opened.attach(room)
          else opened.close(CloseCode.boardNotFound, '看板不存在')
        },
        (error: unknown) => {
          deps.log.error('board load failed', { boardId, ...errorFields(error) })
          opened.close(CloseCode.internalError, '看板加载失败')
        },
      )
    }

    function release() {
      clearTimeout(lifetimeTimer)
      if (!connection) return
      const closing = connection
      connection = undefined
      try {
        closing.detach()
      } catch (error) {
        deps.log.error('connection handler failed', { boardId, connectionId: closing.id, handler: 'close', ...errorFields(error) })
      } finally {
        deps.tracker.remove(closing)
      }
    }
  })
}

/**
 * Refusals the security audit log keeps: every forbidden upgrade, and a token that does not open
 * (someone trying a token, or one revoked). A browser whose session cookie simply expired is not
 * an event: it is sent to the login page.
 */
function worthAuditing(refusal: Refusal, c: AppContext): boolean {
  if (refusal.code === CloseCode.forbidden) return true
  return refusal.code === CloseCode.unauthorized && Boolean(c.req.query(SyncParam.token))
}

async function authorize(c: AppContext, boardId: string, deps: SyncRouteDependencies): Promise<Access | Refusal> {
  if (!isAllowedOrigin(c.req.header('origin'), c.req.header('host'), deps.allowedOrigins)) {
    return { code: CloseCode.forbidden, reason: '来源不被允许' }
  }
  const token = c.req.query(SyncParam.token)
  const sessionToken = getCookie(c, SESSION_COOKIE)
  if (!token && !sessionToken) return { code: CloseCode.unauthorized, reason: '请先登录' }
  const principal = await resolvePrincipal(deps.accounts, { bearerToken: token, sessionToken })
  if (!principal) {
    const screenRefusal = token ? await deps.accounts.screenLinkRefusal(token) : undefined
    if (screenRefusal) return { code: CloseCode.forbidden, reason: screenRefusal }
    return { code: CloseCode.unauthorized, reason: '登录已失效，请重新登录' }
  }
  // The audit below names who was refused: the principal is known from here on.
  c.set('principal', principal)
  if (principal.kind === 'user' && principal.passwordChangeRequired) {
    return { code: CloseCode.forbidden, reason: PASSWORD_CHANGE_REFUSAL[principal.passwordChangeRequired] }
  }
  if (!canReadBoard(principal, boardId)) return { code: CloseCode.forbidden, reason: '无权查看此看板' }
  const credential = await credentialOf(principal, token, sessionToken, deps.accounts)
  // A session socket is closed at the session's absolute lifetime, whatever the activity.
  const sessionDeadline = !token && sessionToken ? await deps.accounts.sessionDeadline(sessionToken) : undefined
  return { principal, credential, sessionDeadline }
}

/** The credential resolvePrincipal used: the `?token=` when given, else the session cookie. */
async function credentialOf(
  principal: Principal,
  token: string | undefined,
  sessionToken: string | undefined,
  accounts: AccountService,
): Promise<CredentialRef | undefined> {
  if (principal.kind === 'screen') return `screen:${principal.linkId}`
  if (token) {
    const tokenId = await accounts.apiTokenId(token)
    return tokenId === undefined ? undefined : apiTokenCredential(tokenId)
  }
  return sessionToken ? sessionCredential(sessionToken) : undefined
}

/**
 * Messages are read from the ws socket itself, not through Hono's `onMessage`, which wraps each one
 * in a DOM MessageEvent and copies its bytes: a cost on every card move that buys nothing here.
 * Registered in `onOpen`, in the same turn as the upgrade, so no message comes before it.
 */
function receiveMessages(ws: WSContext<WebSocket>, connection: Connection): void {
  ws.raw?.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) connection.receive(data)
    else connection.close(CloseCode.protocolError, '只接受二进制同步消息')
  })
}

function adaptSocket(ws: WSContext<WebSocket>): SyncSocket {
  const raw = ws.raw
  if (!raw) throw new Error('websocket without underlying socket')
  // Negotiated once at the handshake (ws builds the string anew on every read).
  const compressed = raw.extensions !== ''
  return {
    send: (message) => raw.send(message),
    sendShared: (message) => sendShared(raw, message, compressed),
    sendParts: (parts, onSent) => sendParts(raw, parts, onSent),
    close: (code, reason) => raw.close(code, reason),
    get bufferedAmount() {
      return raw.bufferedAmount
    },
  }
}
