import { describe, expect, test } from 'vitest'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { closeReasonText, isFinalClose } from '../../client/src/sync/closeReasons.ts'

describe('why the server closed the board connection', () => {
  test.each([
    ['an expired session', CloseCode.unauthorized],
    ['a board the user may not see', CloseCode.forbidden],
    ['a board that does not exist', CloseCode.boardNotFound],
    ['a protocol violation', CloseCode.protocolError],
  ])('after %s the client stops reconnecting', (_what, code) => {
    expect(isFinalClose(code)).toBe(true)
  })

  test.each([
    ['too many messages', CloseCode.rateLimited],
    ['a message too large', CloseCode.messageTooLarge],
    ['a server restart', CloseCode.serverRestart],
    ['a server error', CloseCode.internalError],
    ['a lost network', 1006],
    ['a normal close', 1000],
  ])('after %s the client keeps reconnecting', (_what, code) => {
    expect(isFinalClose(code)).toBe(false)
  })

  test("the server's own reason is shown rather than the client's default wording", () => {
    expect(closeReasonText(CloseCode.unauthorized, '会话已达最长时限，请重新登录')).toBe('会话已达最长时限，请重新登录')
  })

  test('without a reason from the server each known close gets its Chinese default', () => {
    expect(closeReasonText(CloseCode.unauthorized, '')).toBe('登录已失效，请重新登录')
    expect(closeReasonText(CloseCode.boardNotFound, '')).toBe('看板不存在')
    expect(closeReasonText(CloseCode.rateLimited, '')).toBe('操作或连接过于频繁，稍后自动重连')
    expect(closeReasonText(CloseCode.serverRestart, '')).toBe('服务器正在重启，稍后自动重连')
  })

  test('an unknown application close (4xxx) is still explained, with its code when the server gave no reason', () => {
    expect(closeReasonText(4999, '')).toBe('连接被服务器关闭（4999）')
    expect(closeReasonText(4999, '维护中')).toBe('维护中')
  })

  test('an ordinary drop (normal close, lost network) shows no message at all', () => {
    expect(closeReasonText(1000, '')).toBeUndefined()
    expect(closeReasonText(1006, '')).toBeUndefined()
    expect(closeReasonText(1001, 'going away')).toBeUndefined()
  })
})
