import { describe, expect, test } from 'vitest'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { Role } from '@guatu/shared/domain/role'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { createScreenLink, createUser, loginCookie } from '../helpers/accounts.ts'
import { connectClient } from '../helpers/client.ts'
import { openRawSyncSocket } from '../helpers/rawSocket.ts'
import { expectStatus, requestJson } from '../helpers/rest.ts'
import { type TestServer } from '../helpers/server.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import type { ErrorResponse } from '@guatu/shared/api/errors'
import type { CreateTokenResponse } from '@guatu/shared/api/tokens'
import type { BoardListResponse } from '@guatu/shared/api/boards'
import type { UserMeResponse } from '@guatu/shared/api/session'
import type { SignedInResponse } from '@guatu/shared/api/session'
import { boardWithContent, expectRefusedWithoutContent } from '../helpers/refusedSockets.ts'

const CHINESE = /[\u4e00-\u9fff]/

async function login(server: TestServer, username: string, password: string) {
  return requestJson<Partial<SignedInResponse & ErrorResponse>>(server, '/api/login', { token: null, body: { username, password } })
}

describe('websocket credentials', () => {
  test.each([
    ['no credentials', { token: null }],
    ['a wrong API token', { token: 'gt_0000000000000000000000000000000000000000' }],
    ['a made-up screen token', { token: 'gs_0000000000000000000000000000000000000000' }],
    ['an unknown session cookie', { cookie: 'guatu_session=not-a-session' }],
  ] as const)('a socket with %s is closed with 4401 and a Chinese reason before any board content', async (_label, options) => {
    const server = await startInProcessServer()
    const boardId = await boardWithContent(server)
    await expectRefusedWithoutContent(server, boardId, options, [CloseCode.unauthorized])
  })

  test("a screen link opens its own board read-only but another board's socket is closed with 4403", async () => {
    const server = await startInProcessServer()
    const boardId = await boardWithContent(server)
    const otherBoardId = await boardWithContent(server)
    const { token } = await createScreenLink(server, boardId)
    const screen = connectClient(server, boardId, { token })
    await screen.waitSynced()
    expect(listProjects(screen.doc).map((p) => p.name)).toEqual(['不应泄露的项目'])
    await expectRefusedWithoutContent(server, otherBoardId, { token }, [CloseCode.forbidden])
  })

  test('revoking a screen link disconnects the open screen and refuses the link afterwards', async () => {
    const server = await startInProcessServer()
    const boardId = await boardWithContent(server)
    const { token, link } = await createScreenLink(server, boardId)
    const screen = connectClient(server, boardId, { token })
    await screen.waitSynced()

    const revoked = await requestJson(server, `/api/screen-links/${encodeURIComponent(link.id)}`, { method: 'DELETE' })
    expect(revoked.status).toBe(204)
    const closed = await screen.waitClosed(
      (close) => close.code === CloseCode.forbidden || close.code === CloseCode.unauthorized,
      'the open screen to be disconnected',
    )
    expect(closed.reason).toMatch(CHINESE)
    // docs/api.md lists a revoked link under 4403; 4401 (the token no longer exists) says the same to a screen.
    await expectRefusedWithoutContent(server, boardId, { token }, [CloseCode.forbidden, CloseCode.unauthorized])
    expect((await requestJson(server, '/api/me', { token })).status).toBe(401)
  })

  test('a socket for a board that does not exist is closed with 4404', async () => {
    const server = await startInProcessServer()
    const raw = await openRawSyncSocket(server, 'no-such-board-42')
    expect((await raw.waitClosed('the server to close the socket')).code).toBe(CloseCode.boardNotFound)
  })
})

describe('signing in and out', () => {
  test('a wrong password answers 401 with a Chinese message and sets no cookie', async () => {
    const server = await startInProcessServer()
    await createUser(server, { username: 'fgj_wang', password: 'right-password-1', role: Role.editor, units: ['发改局'] })
    const response = await login(server, 'fgj_wang', 'wrong-password-1')
    expect(response.status).toBe(401)
    expect(response.body.error).toMatch(CHINESE)
    expect(response.headers.getSetCookie().filter((line) => line.startsWith('guatu_session=') && !/max-age=0/i.test(line))).toEqual([])
    const unknownUser = await login(server, 'nobody', 'whatever-password')
    expect(unknownUser.status).toBe(401)
  })

  test('after five failed logins the sixth, even with the right password, answers 429 with Retry-After', async () => {
    const server = await startInProcessServer()
    await createUser(server, { username: 'swj_li', password: 'right-password-2', role: Role.editor, units: ['商务局'] })
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await login(server, 'swj_li', `guess-${attempt}-password`)).status, `attempt ${attempt}`).toBe(401)
    }
    const locked = await login(server, 'swj_li', 'right-password-2')
    expect(locked.status).toBe(429)
    expect(locked.body.error).toMatch(CHINESE)
    const retryAfter = Number(locked.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(15 * 60)
  })

  test('the session cookie is HttpOnly and SameSite', async () => {
    const server = await startInProcessServer()
    await createUser(server, { username: 'zjj_zhao', password: 'right-password-3', role: Role.viewer, units: [] })
    const response = await login(server, 'zjj_zhao', 'right-password-3')
    expect(response.status).toBe(200)
    expect(response.body.user?.username).toBe('zjj_zhao')
    const line = response.headers.getSetCookie().find((l) => l.startsWith('guatu_session='))
    expect(line, 'a guatu_session Set-Cookie header').toBeTypeOf('string')
    expect(line).toMatch(/;\s*HttpOnly/i)
    expect(line).toMatch(/;\s*SameSite=(Lax|Strict)/i)
  })

  test('logging out ends the session: the cookie no longer works on REST or the websocket', async () => {
    const server = await startInProcessServer()
    const boardId = await boardWithContent(server)
    await createUser(server, { username: 'lingdao', password: 'right-password-4', role: Role.viewer, units: [] })
    const cookie = await loginCookie(server, 'lingdao', 'right-password-4')
    // Control: the cookie works on both before logging out.
    expect((await requestJson(server, '/api/me', { cookie })).status).toBe(200)
    const before = connectClient(server, boardId, { cookie })
    await before.waitSynced()
    expect(listProjects(before.doc)).toHaveLength(1)
    before.destroy()

    const logout = await requestJson(server, '/api/logout', { method: 'POST', cookie })
    expect(logout.status).toBe(204)
    const me = await requestJson<ErrorResponse>(server, '/api/me', { cookie })
    expect(me.status).toBe(401)
    expect(me.body.error).toMatch(CHINESE)
    await expectRefusedWithoutContent(server, boardId, { cookie }, [CloseCode.unauthorized])
  })

  test('GET /api/me names the user behind a cookie or a token, and the board behind a screen link', async () => {
    const server = await startInProcessServer()
    const boardId = await boardWithContent(server)
    await createUser(server, { username: 'gxj_chen', password: 'right-password-5', role: Role.editor, units: ['工信局'], displayName: '陈科长' })
    const expectedUser = { username: 'gxj_chen', displayName: '陈科长', role: 'editor', units: ['工信局'] }
    const cookie = await loginCookie(server, 'gxj_chen', 'right-password-5')
    expect(expectStatus(await requestJson<UserMeResponse>(server, '/api/me', { cookie }), 200, 'GET /api/me').user).toMatchObject(expectedUser)
    const token = expectStatus(await requestJson<CreateTokenResponse>(server, '/api/tokens', { cookie, body: {} }), 201, 'POST /api/tokens').token
    expect(expectStatus(await requestJson<UserMeResponse>(server, '/api/me', { token }), 200, 'GET /api/me').user).toMatchObject(expectedUser)

    const screen = await createScreenLink(server, boardId, { name: '常委会议室' })
    const screenMe = expectStatus(await requestJson<unknown>(server, '/api/me', { token: screen.token }), 200, 'GET /api/me as a screen')
    expect(screenMe).toEqual({ screen: { boardId, name: '常委会议室' } })
    expect((await requestJson(server, '/api/me', { token: null })).status).toBe(401)
  })

  test("a new password set by the admin ends that user's sessions and retires the old password", async () => {
    const server = await startInProcessServer()
    const boardId = await boardWithContent(server)
    await createUser(server, { username: 'nyj_sun', password: 'old-password-6', role: Role.editor, units: ['农业农村局'] })
    const cookie = await loginCookie(server, 'nyj_sun', 'old-password-6')
    expect((await requestJson(server, '/api/me', { cookie })).status).toBe(200)

    const patched = await requestJson(server, '/api/users/nyj_sun', { method: 'PATCH', body: { password: 'new-password-6' } })
    expect(patched.status).toBe(200)
    expect((await requestJson(server, '/api/me', { cookie })).status).toBe(401)
    await expectRefusedWithoutContent(server, boardId, { cookie }, [CloseCode.unauthorized])
    expect((await login(server, 'nyj_sun', 'old-password-6')).status).toBe(401)
    expect((await login(server, 'nyj_sun', 'new-password-6')).status).toBe(200)
  })

  test('a screen link lists only its own board', async () => {
    const server = await startInProcessServer()
    const boardId = await boardWithContent(server)
    await boardWithContent(server)
    const { token } = await createScreenLink(server, boardId)
    const boards = expectStatus(await requestJson<BoardListResponse>(server, '/api/boards', { token }), 200, 'GET /api/boards').boards
    expect(boards.map((b) => b.id)).toEqual([boardId])
  })
})
