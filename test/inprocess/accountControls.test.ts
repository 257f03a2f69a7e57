import { describe, expect, test } from 'vitest'
import { Role } from '@guatu/shared/domain/role'
import type { SecurityEvent } from '@guatu/shared/domain/securityEvent'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { createUser, loginCookie } from '../helpers/accounts.ts'
import { connectClient } from '../helpers/client.ts'
import { DENGBAO_DEFAULT_ACCOUNT_ENV } from '../helpers/credentials.ts'
import { openRawSyncSocket } from '../helpers/rawSocket.ts'
import { createBoard, requestJson } from '../helpers/rest.ts'
import { type TestServer } from '../helpers/server.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import type { ErrorResponse } from '@guatu/shared/api/errors'
import type { UserMeResponse } from '@guatu/shared/api/session'
import type { SecurityAuditExport } from '@guatu/shared/api/securityAudit'
import { changePassword, login, STRONG, STRONGER } from '../helpers/accountFlows.ts'

/** A server with the 等保 defaults (the test helpers otherwise start with the old, lax rules). */
function dengbaoServer(env: Record<string, string> = {}, dataDir?: string, signInAdmin = true): Promise<TestServer> {
  return startInProcessServer({ env: { ...DENGBAO_DEFAULT_ACCOUNT_ENV, ...env }, dataDir, signInAdmin })
}

async function auditEntries(server: TestServer): Promise<SecurityEvent[]> {
  const response = await requestJson<SecurityAuditExport>(server, '/api/security-audit')
  expect(response.status).toBe(200)
  return response.body.entries
}

describe('password policy', () => {
  test('the office cannot give an account a short, simple or name-equal password, and is told why in Chinese', async () => {
    const server = await dengbaoServer()
    const attempt = (username: string, password: string) =>
      requestJson<ErrorResponse>(server, '/api/users', { body: { username, password, role: Role.viewer, units: [] } })
    expect(await attempt('zhou', 'Ab1-')).toMatchObject({ status: 400, body: { error: '密码至少10位' } })
    expect(await attempt('zhou', 'abcdefghij123')).toMatchObject({ status: 400, body: { error: expect.stringContaining('至少3类') } })
    expect(await attempt('Zhou.Ke-2026', 'zhou.ke-2026')).toMatchObject({ status: 400, body: { error: '密码不能与用户名相同' } })
    expect((await attempt('zhou', STRONG)).status).toBe(201)
    const reset = await requestJson<ErrorResponse>(server, `/api/users/zhou`, { method: 'PATCH', body: { password: 'password12' } })
    expect(reset).toMatchObject({ status: 400, body: { error: expect.stringContaining('大写字母、小写字母、数字、符号中的至少3类') } })
  })
})

describe('forced password change', () => {
  test('a new account can do nothing but change its password, on REST and the websocket, until it does', async () => {
    const server = await dengbaoServer()
    const board = await createBoard(server, '重点项目')
    await createUser(server, { username: 'wang', password: STRONG, role: Role.editor, units: ['工信局'] })

    const first = await login(server, 'wang', STRONG)
    expect(first.status).toBe(200)
    expect(first.body.status).toMatchObject({ passwordChangeRequired: 'initial', lastLogin: null })
    const cookie = first.cookie!
    const boards = await requestJson<ErrorResponse>(server, '/api/boards', { cookie })
    expect(boards).toMatchObject({ status: 403, body: { error: '首次登录或密码被重置后须先修改密码' } })
    expect((await requestJson(server, '/api/tokens', { cookie, body: { name: '脚本' } })).status).toBe(403)
    const socket = await openRawSyncSocket(server, board.id, { cookie })
    expect(await socket.waitClosed('the upgrade to be refused')).toMatchObject({ code: CloseCode.forbidden, reason: '首次登录或密码被重置后须先修改密码' })
    expect((await requestJson(server, '/api/me', { cookie })).status).toBe(200)

    expect(await changePassword(server, cookie, 'wrong-Password-1', STRONGER)).toMatchObject({ status: 400, body: { error: '当前密码不正确' } })
    expect(await changePassword(server, cookie, STRONG, STRONG)).toMatchObject({ status: 400, body: { error: '新密码不能与当前密码相同' } })
    expect(await changePassword(server, cookie, STRONG, 'simple')).toMatchObject({ status: 400, body: { error: '密码至少10位' } })
    const changed = await changePassword(server, cookie, STRONG, STRONGER)
    expect(changed.status).toBe(200)
    expect(changed.body.status?.passwordChangeRequired).toBeNull()

    // The old session ended with the change; the new one works everywhere.
    expect((await requestJson(server, '/api/boards', { cookie })).status).toBe(401)
    expect((await requestJson(server, '/api/boards', { cookie: changed.cookie! })).status).toBe(200)
    const client = connectClient(server, board.id, { cookie: changed.cookie! })
    await client.waitSynced()
    client.destroy()
  })

  test('a password the office resets must be changed again, but an admin changing their own is not forced', async () => {
    const server = await dengbaoServer()
    const user = await createUser(server, { username: 'li', password: STRONG, role: Role.viewer, units: [] })
    const changed = await changePassword(server, (await login(server, 'li', STRONG)).cookie!, STRONG, STRONGER)
    expect(changed.status).toBe(200)
    expect((await requestJson(server, '/api/boards', { cookie: changed.cookie! })).status).toBe(200)

    expect((await requestJson(server, `/api/users/${user.id}`, { method: 'PATCH', body: { password: 'Reset-By-Office-1' } })).status).toBe(200)
    expect((await login(server, 'li', 'Reset-By-Office-1')).body.status?.passwordChangeRequired).toBe('initial')

    const me = await requestJson<UserMeResponse>(server, '/api/me')
    expect((await requestJson(server, `/api/users/${me.body.user.id}`, { method: 'PATCH', body: { password: 'Admin-Own-Choice-9' } })).status).toBe(200)
    const admin = await login(server, 'admin', 'Admin-Own-Choice-9')
    expect(admin.body.status?.passwordChangeRequired).toBeNull()
  })
})

describe('session lifetime on the websocket', () => {
  test('a board socket opened with a session is closed when the session reaches its absolute lifetime', async () => {
    const server = await dengbaoServer({ GUATU_SESSION_IDLE_MS: '3000', GUATU_SESSION_MAX_MS: '3000', GUATU_FORCE_PASSWORD_CHANGE: '0' })
    const board = await createBoard(server, '限时看板')
    await createUser(server, { username: 'feng', password: STRONG, role: Role.viewer, units: [] })
    const cookie = await loginCookie(server, 'feng', STRONG)
    const socket = await openRawSyncSocket(server, board.id, { cookie })
    const closed = await socket.waitClosed('the socket to be closed at the end of the session', 15_000)
    expect(closed).toMatchObject({ code: CloseCode.unauthorized, reason: '登录已超过最长有效期，请重新登录' })
    // Content had arrived before: it was a working socket, not a refused upgrade.
    expect(socket.frames.length).toBeGreaterThan(0)
  })
})

describe('last sign-in', () => {
  test('a user is told when and from where they last signed in, and how many attempts failed since', async () => {
    const server = await dengbaoServer({ GUATU_FORCE_PASSWORD_CHANGE: '0' })
    await createUser(server, { username: 'qian', password: STRONG, role: Role.viewer, units: [] })
    const first = await login(server, 'qian', STRONG)
    expect(first.body.status).toMatchObject({ lastLogin: null, failedLoginsSince: 0 })
    expect((await login(server, 'qian', 'Wrong-Guess-123')).status).toBe(401)
    expect((await login(server, 'QIAN', 'Wrong-Guess-456')).status).toBe(401)
    const second = await login(server, 'qian', STRONG)
    expect(second.body.status?.lastLogin?.address).toMatch(/127\.0\.0\.1/)
    expect(second.body.status?.failedLoginsSince).toBe(2)
    const me = await requestJson<UserMeResponse>(server, '/api/me', { cookie: second.cookie! })
    expect(me.body.status?.lastLogin?.at).toBe(second.body.status?.lastLogin?.at)
  })
})

describe('security audit log', () => {
  test('records sign-ins, account changes, tokens and refusals with the address, and verifies', async () => {
    const server = await dengbaoServer({ GUATU_FORCE_PASSWORD_CHANGE: '0' })
    const board = await createBoard(server, '审计看板')
    const editor = await createUser(server, { username: 'zhou', password: STRONG, role: Role.editor, units: ['工信局'] })
    expect((await login(server, 'zhou', 'Not-His-Password-1')).status).toBe(401)
    const cookie = (await login(server, 'zhou', STRONG)).cookie!
    expect((await requestJson(server, '/api/users', { cookie, body: { username: 'evil', password: STRONG, role: Role.admin } })).status).toBe(403)
    expect((await requestJson(server, '/api/security-audit', { cookie })).status).toBe(403)
    await requestJson(server, `/api/users/${editor.id}`, { method: 'PATCH', body: { units: ['商务局'] } })
    const refused = await openRawSyncSocket(server, board.id, { cookie, origin: 'http://evil.example' })
    await refused.waitClosed('the upgrade from another origin to be refused')

    const entries = await auditEntries(server)
    const types = entries.map((entry) => entry.type)
    expect(types).toEqual(
      expect.arrayContaining(['login.failed', 'login.succeeded', 'user.created', 'user.changed', 'access.denied', 'socket.refused', 'token.created']),
    )
    const failed = entries.find((entry) => entry.type === 'login.failed')!
    expect(failed).toMatchObject({ target: editor.id, address: expect.stringMatching(/127\.0\.0\.1/) })
    const denied = entries.filter((entry) => entry.type === 'access.denied')
    expect(denied.map((entry) => entry.target)).toEqual(expect.arrayContaining(['POST /api/users', 'GET /api/security-audit']))
    expect(denied[0]!.actorId).toBe(editor.id)
    expect(entries.find((entry) => entry.type === 'user.changed')!.detail).toContain('单位=商务局')
    expect(JSON.stringify(entries)).not.toContain(STRONG)
    expect((await requestJson(server, '/api/security-audit/verify')).body).toMatchObject({ ok: true, checked: entries.length })

    const csv = await fetch(`${server.url}/api/security-audit?format=csv`, { headers: { authorization: `Bearer ${server.adminToken}` } })
    const bytes = Buffer.from(await csv.arrayBuffer())
    // A byte-order mark first, so Excel on a Chinese Windows reads UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.subarray(3).toString('utf8')
    expect(text.startsWith('序号,时间,事件')).toBe(true)
    expect(text).toContain('登录失败')
  })
})
