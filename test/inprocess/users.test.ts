import { describe, expect, test } from 'vitest'
import { Role } from '@guatu/shared/domain/role'
import { createAccount, createScreenLink } from '../helpers/accounts.ts'
import { createBoard, requestJson, type JsonResponse } from '../helpers/rest.ts'
import { TEST_ADMIN_PASSWORD } from '../helpers/server.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import type { ErrorResponse } from '@guatu/shared/api/errors'
import type { UserListResponse } from '@guatu/shared/api/users'
import type { UserResponse } from '@guatu/shared/api/users'

const CHINESE = /[\u4e00-\u9fff]/
const SECRET_KEYS = /"(password|passwordHash|hash|salt)"\s*:/i

describe('user administration', () => {
  test('the admin creates, lists and changes users, and no answer ever contains a password', async () => {
    const server = await startInProcessServer()
    const responses: JsonResponse[] = []
    const record = <T>(response: JsonResponse<T>) => {
      responses.push(response)
      return response
    }

    const created = record(
      await requestJson<UserResponse>(server, '/api/users', {
        body: { username: 'gxj_zhou', password: 'zhou-secret-1', role: 'editor', units: ['工信局'], displayName: '周科长' },
      }),
    )
    expect(created.status).toBe(201)
    expect(created.body.user).toMatchObject({ username: 'gxj_zhou', displayName: '周科长', role: 'editor', units: ['工信局'], disabled: false })

    const listed = record(await requestJson<UserListResponse>(server, '/api/users'))
    expect(listed.status).toBe(200)
    expect(listed.body.users.map((u) => u.username).sort()).toEqual(['admin', 'gxj_zhou'])

    const patched = record(
      await requestJson<UserResponse>(server, '/api/users/gxj_zhou', {
        method: 'PATCH',
        body: { units: ['工信局', '商务局'], displayName: '周局长', password: 'zhou-secret-2' },
      }),
    )
    expect(patched.status).toBe(200)
    expect(patched.body.user).toMatchObject({ username: 'gxj_zhou', displayName: '周局长', role: 'editor', units: ['工信局', '商务局'] })
    const byId = record(
      await requestJson<UserResponse>(server, `/api/users/${encodeURIComponent(created.body.user.id)}`, {
        method: 'PATCH',
        body: { role: 'viewer', units: [] },
      }),
    )
    expect(byId.body.user).toMatchObject({ username: 'gxj_zhou', role: 'viewer' })

    const relisted = record(await requestJson<UserListResponse>(server, '/api/users'))
    expect(relisted.body.users.find((u) => u.username === 'gxj_zhou')).toMatchObject({ displayName: '周局长', role: 'viewer' })
    record(await requestJson(server, '/api/login', { token: null, body: { username: 'gxj_zhou', password: 'zhou-secret-2' } }))
    record(await requestJson(server, '/api/me', { token: null, cookie: 'guatu_session=none' }))

    for (const response of responses) {
      const text = JSON.stringify(response.body)
      for (const secret of ['zhou-secret-1', 'zhou-secret-2', TEST_ADMIN_PASSWORD]) expect(text).not.toContain(secret)
      expect(text).not.toMatch(SECRET_KEYS)
    }
  })

  test('editors, viewers and screens get 403 from the users API, and no credentials get 401', async () => {
    const server = await startInProcessServer()
    const board = await createBoard(server, '用户管理')
    const editor = await createAccount(server, { username: 'gxj_a', password: 'editor-pass-1', role: Role.editor, units: ['工信局'] })
    const viewer = await createAccount(server, { username: 'ld_a', password: 'viewer-pass-1', role: Role.viewer, units: [] })
    const screen = await createScreenLink(server, board.id)
    for (const [who, token] of [
      ['editor', editor.token],
      ['viewer', viewer.token],
      ['screen', screen.token],
    ] as const) {
      const attempts = [
        await requestJson<ErrorResponse>(server, '/api/users', { token }),
        await requestJson<ErrorResponse>(server, '/api/users', { token, body: { username: 'sneaky', password: 'sneaky-pass-1', role: 'admin', units: [] } }),
        await requestJson<ErrorResponse>(server, '/api/users/gxj_a', { token, method: 'PATCH', body: { role: 'admin' } }),
      ]
      for (const attempt of attempts) {
        expect(attempt.status, `${who}: ${JSON.stringify(attempt.body)}`).toBe(403)
        expect(attempt.body.error).toMatch(CHINESE)
      }
    }
    expect((await requestJson(server, '/api/users', { token: null })).status).toBe(401)
    const users = (await requestJson<UserListResponse>(server, '/api/users')).body.users
    expect(users.map((u) => [u.username, u.role]).sort()).toEqual([
      ['admin', 'admin'],
      ['gxj_a', 'editor'],
      ['ld_a', 'viewer'],
    ])
  })

  test('a taken user name answers 409 with a Chinese message', async () => {
    const server = await startInProcessServer()
    const body = { username: 'swj_qian', password: 'qian-pass-1', role: 'editor', units: ['商务局'] }
    expect((await requestJson(server, '/api/users', { body })).status).toBe(201)
    const again = await requestJson<ErrorResponse>(server, '/api/users', { body: { ...body, role: 'viewer', units: [] } })
    expect(again.status).toBe(409)
    expect(again.body.error).toMatch(CHINESE)
    const users = (await requestJson<UserListResponse>(server, '/api/users')).body.users
    expect(users.filter((u) => u.username === 'swj_qian').map((u) => u.role)).toEqual(['editor'])
  })

  test.each([
    ['a password of 7 characters', JSON.stringify({ username: 'u_short', password: '1234567', role: 'viewer', units: [] })],
    ['an editor without units', JSON.stringify({ username: 'u_nounit', password: 'long-enough-1', role: 'editor', units: [] })],
    ['an unknown role', JSON.stringify({ username: 'u_role', password: 'long-enough-1', role: 'superuser', units: [] })],
    ['no user name', JSON.stringify({ password: 'long-enough-1', role: 'viewer', units: [] })],
    ['units that are not a list', JSON.stringify({ username: 'u_units', password: 'long-enough-1', role: 'editor', units: '工信局' })],
    ['a body that is not JSON', '{"username": '],
  ])('creating a user with %s answers 400 with a Chinese message and creates nothing', async (_label, rawBody) => {
    const server = await startInProcessServer()
    const response = await requestJson<ErrorResponse>(server, '/api/users', { rawBody })
    expect(response.status).toBe(400)
    expect(response.body.error).toMatch(CHINESE)
    const users = (await requestJson<UserListResponse>(server, '/api/users')).body.users
    expect(users.map((u) => u.username)).toEqual(['admin'])
  })
})
