import { describe, expect, test } from 'vitest'
import type { Principal } from '@guatu/shared/domain/principal'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { RevocationCause, apiTokenCredential } from '@guatu/server/accounts/credentialRevocation'
import type { Connection } from '@guatu/server/sync/connection'
import { ConnectionTracker } from '@guatu/server/sync/connectionTracker'

const editor: Principal = { kind: 'user', userId: 'u1', username: 'gxj', displayName: '工信局', role: 'editor', units: ['工信局'] }

/** The two things the tracker uses of a connection: who it is, and closing it. */
function fakeConnection(principal: Principal): { connection: Connection; closes: { code: number; reason: string }[] } {
  const closes: { code: number; reason: string }[] = []
  const connection = { principal, close: (code: number, reason: string) => closes.push({ code, reason }) } as unknown as Connection
  return { connection, closes }
}

describe('the connection tracker', () => {
  test('a revocation closes only the sockets of that credential; one of the whole user closes all of them', async () => {
    const tracker = new ConnectionTracker(10)
    const withToken = fakeConnection(editor)
    const withOther = fakeConnection(editor)
    tracker.tryAdd(withToken.connection, apiTokenCredential('tok_1'))
    tracker.tryAdd(withOther.connection, apiTokenCredential('tok_2'))
    await tracker.revoke({ scope: 'credential', credential: apiTokenCredential('tok_1'), cause: RevocationCause.tokenDeleted })
    expect(withToken.closes).toEqual([{ code: CloseCode.unauthorized, reason: '脚本令牌已被删除' }])
    expect(withOther.closes).toEqual([])
    tracker.remove(withToken.connection)
    await tracker.revoke({ scope: 'user', userId: 'u1', cause: RevocationCause.accessChanged })
    expect(withOther.closes.map((close) => close.code)).toEqual([CloseCode.serverRestart])
  })

  test('a socket whose credentials were checked before a revocation but registered after it is caught', async () => {
    const tracker = new ConnectionTracker(10)
    const checkedAt = Date.now()
    await tracker.revoke({ scope: 'credential', credential: apiTokenCredential('tok_3'), cause: RevocationCause.tokenDeleted })
    await tracker.revoke({ scope: 'user', userId: 'u1', cause: RevocationCause.disabled })
    expect(tracker.revokedSince(editor, apiTokenCredential('tok_3'), checkedAt)).toBe(RevocationCause.tokenDeleted)
    expect(tracker.revokedSince(editor, undefined, checkedAt)).toBe(RevocationCause.disabled)
    expect(tracker.revokedSince(editor, apiTokenCredential('tok_4'), Date.now() + 1), 'a check after the revocation').toBeUndefined()
  })
})
