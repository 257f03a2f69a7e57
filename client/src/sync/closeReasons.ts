import { CloseCode } from '@guatu/shared/sync/protocol'

/**
 * Closes after which reconnecting cannot help: no or expired credentials, no permission (another
 * board's screen link, a revoked link, a foreign origin), no such board, a protocol violation.
 * Everything else — too many messages (4429), a message too large (1009), a restart (1012), a lost
 * network — is retried by the provider with its backoff.
 */
const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([CloseCode.unauthorized, CloseCode.forbidden, CloseCode.boardNotFound, CloseCode.protocolError])

export function isFinalClose(code: number): boolean {
  return FINAL_CLOSE_CODES.has(code)
}

/** What to show when the server sent no reason of its own (the server's reason is Chinese and more precise). */
const DEFAULT_CLOSE_TEXT: Record<CloseCode, string> = {
  [CloseCode.unauthorized]: '登录已失效，请重新登录',
  [CloseCode.forbidden]: '没有权限查看此看板',
  [CloseCode.boardNotFound]: '看板不存在',
  [CloseCode.rateLimited]: '操作或连接过于频繁，稍后自动重连',
  [CloseCode.messageTooLarge]: '单次修改的数据过大，连接被服务器断开',
  [CloseCode.serverRestart]: '服务器正在重启，稍后自动重连',
  [CloseCode.internalError]: '服务器处理出错，稍后自动重连',
  [CloseCode.protocolError]: '通信协议错误，连接已断开',
}

function isKnownCloseCode(code: number): code is CloseCode {
  return Object.values(CloseCode).some((known) => known === code)
}

/** The Chinese text for a close the server initiated on purpose; undefined for ordinary drops (1000, 1006). */
export function closeReasonText(code: number, reason: string): string | undefined {
  if (!isKnownCloseCode(code)) return code >= 4000 ? reason || `连接被服务器关闭（${code}）` : undefined
  return reason || DEFAULT_CLOSE_TEXT[code]
}
