import { beforeAll, describe, expect, test } from 'vitest'
import { Role } from '@guatu/shared/domain/role'
import { createUser, loginCookie, tokenFor } from '../helpers/accounts.ts'
import { requestJson } from '../helpers/rest.ts'
import { REVOCATION_CASES, expectRevoked, type Topology } from '../helpers/revocationCases.ts'
import { type TestServer } from '../helpers/server.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import type { ErrorResponse } from '@guatu/shared/api/errors'

let server: TestServer
let topology: Topology

beforeAll(async () => {
  server = await startInProcessServer()
  topology = { act: server, socketOn: server }
})

describe('revoking a credential closes the sockets opened with it, on one process', () => {
  for (const revocation of REVOCATION_CASES) {
    test(`${revocation.name}, within a second, and a write sent after it is not applied`, async () => {
      await expectRevoked(topology, revocation)
    })
  }
})

describe('REST refuses a revoked credential at once', () => {
  test('after the office resets a password, an API token made before the reset is refused, and so is the old session', async () => {
    await createUser(server, { username: 'reset_rest', password: 'reset-rest-pass-1', role: Role.editor, units: ['工信局'] })
    const token = await tokenFor(server, 'reset_rest', 'reset-rest-pass-1')
    const cookie = await loginCookie(server, 'reset_rest', 'reset-rest-pass-1')
    expect((await requestJson(server, '/api/me', { token })).status).toBe(200)
    expect((await requestJson(server, '/api/users/reset_rest', { method: 'PATCH', body: { password: 'reset-rest-pass-2' } })).status).toBe(200)
    expect((await requestJson(server, '/api/me', { token })).status).toBe(401)
    expect((await requestJson(server, '/api/me', { cookie, token: null })).status).toBe(401)
    expect((await requestJson(server, '/api/boards', { token })).status).toBe(401)
    const fresh = await loginCookie(server, 'reset_rest', 'reset-rest-pass-2')
    expect((await requestJson(server, '/api/me', { cookie: fresh, token: null })).status).toBe(200)
  })

  test('a role change keeps the sessions and tokens but REST answers with the new role at once', async () => {
    await createUser(server, { username: 'role_rest', password: 'role-rest-pass-1', role: Role.admin, units: [] })
    const token = await tokenFor(server, 'role_rest', 'role-rest-pass-1')
    expect((await requestJson(server, '/api/users', { token })).status).toBe(200)
    expect((await requestJson(server, '/api/users/role_rest', { method: 'PATCH', body: { role: Role.viewer } })).status).toBe(200)
    const refused = await requestJson<ErrorResponse>(server, '/api/users', { token })
    expect(refused.status).toBe(403)
    expect(refused.body.error).toMatch(/项目办/)
  })
})
