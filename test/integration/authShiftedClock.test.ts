import { describe, expect, test } from 'vitest'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { createScreenLink } from '../helpers/accounts.ts'
import { connectClient } from '../helpers/client.ts'
import { requestJson } from '../helpers/rest.ts'
import { clockShiftEnv, startServer } from '../helpers/server.ts'
import { boardWithContent, expectRefusedWithoutContent } from '../helpers/refusedSockets.ts'

describe('websocket credentials', () => {
  test('a screen link past its expiry is refused without board content', async () => {
    const server = await startServer()
    const boardId = await boardWithContent(server)
    const { token } = await createScreenLink(server, boardId, { expiresInDays: 1 })
    const working = connectClient(server, boardId, { token })
    await working.waitSynced()
    working.destroy()
    await server.stop()

    // The same data two days later, by the server's clock.
    const later = await startServer({ dataDir: server.dataDir, env: clockShiftEnv(2 * 24 * 3600 * 1000) })
    expect((await requestJson(later, '/api/me', { token })).status).toBe(401)
    await expectRefusedWithoutContent(later, boardId, { token }, [CloseCode.unauthorized, CloseCode.forbidden])
  })
})
