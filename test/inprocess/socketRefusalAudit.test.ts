import { describe, expect, test } from 'vitest'
import type { SecurityEvent } from '@guatu/shared/domain/securityEvent'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { createScreenLink } from '../helpers/accounts.ts'
import { openRawSyncSocket } from '../helpers/rawSocket.ts'
import { createBoard, requestJson } from '../helpers/rest.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'

describe('refused sync sockets in the security audit log', () => {
  test('a token that does not open and a screen link on another board are recorded; a visitor without credentials is not', async () => {
    const server = await startInProcessServer()
    const board = await createBoard(server, '同步审计看板')
    const other = await createBoard(server, '别的看板')
    const link = await createScreenLink(server, other.id)

    const guessed = await openRawSyncSocket(server, board.id, { token: 'guessed-token-0000' })
    expect((await guessed.waitClosed('a made-up token to be refused')).code).toBe(CloseCode.unauthorized)
    const wrongBoard = await openRawSyncSocket(server, board.id, { token: link.token })
    expect((await wrongBoard.waitClosed('a screen link of another board to be refused')).code).toBe(CloseCode.forbidden)
    const visitor = await openRawSyncSocket(server, board.id, { token: null })
    expect((await visitor.waitClosed('a socket without credentials to be refused')).code).toBe(CloseCode.unauthorized)

    const audit = await requestJson<{ entries: SecurityEvent[] }>(server, '/api/security-audit')
    const refusals = audit.body.entries.filter((entry) => entry.type === 'socket.refused')
    expect(refusals.map((entry) => [entry.target, entry.detail])).toEqual(
      expect.arrayContaining([
        [`board:${board.id}`, '登录已失效，请重新登录'],
        [`board:${board.id}`, '无权查看此看板'],
      ]),
    )
    // The visitor who has not signed in yet is sent to the login page, not written down.
    expect(refusals.filter((entry) => entry.detail === '请先登录')).toEqual([])
    expect(refusals.every((entry) => /127\.0\.0\.1/.test(entry.address))).toBe(true)
  })
})
