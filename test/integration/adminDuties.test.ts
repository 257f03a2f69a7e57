import { beforeAll, describe, expect, test } from 'vitest'
import { Role } from '@guatu/shared/domain/role'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { sessionCookieFrom } from '../helpers/credentials.ts'
import { openRawSyncSocket } from '../helpers/rawSocket.ts'
import { createBoard, requestJson } from '../helpers/rest.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import type { ErrorResponse } from '@guatu/shared/api/errors'
import type { UserMeResponse } from '@guatu/shared/api/session'
import type { UserResponse } from '@guatu/shared/api/users'
import type { UserListResponse } from '@guatu/shared/api/users'
import type { SecurityAuditExport } from '@guatu/shared/api/securityAudit'

/** The 三员 accounts' own passwords, set at their forced first change. */
const OWN_PASSWORD = { sysadmin: 'Xitong-Guanli-1', secadmin: 'Anquan-Guanli-2', auditadmin: 'Shenji-Guanli-3' } as const
type Duty = keyof typeof OWN_PASSWORD

async function post(server: TestServer, path: string, body: unknown, cookie?: string) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  })
  return { status: response.status, cookie: sessionCookieFrom(response.headers), body: (await response.json()) as { error?: string } }
}

/** Signs a 三员 account in with the password the server printed, changes it as forced, returns the new session. */
async function takeOver(server: TestServer, duty: Duty): Promise<string> {
  const printed = new RegExp(`用户名 ${duty} .*密码 (\\S+)`).exec(server.output())?.[1]
  if (!printed) throw new Error(`no password printed for ${duty}:\n${server.output()}`)
  const first = await post(server, '/api/login', { username: duty, password: printed })
  expect(first.status).toBe(200)
  const changed = await post(server, '/api/password', { currentPassword: printed, newPassword: OWN_PASSWORD[duty] }, first.cookie)
  expect(changed.status).toBe(200)
  return changed.cookie!
}

describe('三员: separated admin duties', () => {
  let server: TestServer
  let boardId: string
  const cookies = {} as Record<Duty, string>

  beforeAll(async () => {
    server = await startServer({ env: { GUATU_SEPARATE_ADMIN_DUTIES: '1' } })
    boardId = (await createBoard(server, '三员看板')).id
    for (const duty of Object.keys(OWN_PASSWORD) as Duty[]) cookies[duty] = await takeOver(server, duty)
  })

  async function expectBoardClosedTo(cookie: string) {
    expect((await requestJson(server, `/api/boards/${boardId}`, { cookie })).status).toBe(403)
    const socket = await openRawSyncSocket(server, boardId, { cookie })
    expect((await socket.waitClosed('the upgrade to be refused')).code).toBe(CloseCode.forbidden)
    expect((await requestJson(server, '/api/boards', { cookie, body: { name: '私建看板', year: 2026 } })).status).toBe(403)
  }

  test('the project office keeps its boards and screen links but no longer manages accounts or reads the audit log', async () => {
    expect((await requestJson(server, '/api/screen-links', { body: { boardId, name: '会议室' } })).status).toBe(201)
    const created = await requestJson<ErrorResponse>(server, '/api/users', { body: { username: 'zhang', password: 'Zhang-2026-pw', role: Role.viewer } })
    expect(created.status).toBe(403)
    expect(created.body.error).toMatch(/系统管理员/)
    expect((await requestJson(server, '/api/security-audit')).status).toBe(403)
  })

  test('the system admin creates bare accounts and resets passwords, but grants no role, reads no log and sees no board', async () => {
    const cookie = cookies.sysadmin
    const bare = await requestJson<UserResponse>(server, '/api/users', { cookie, body: { username: 'liu', password: 'Liu-Chushi-2026', role: Role.viewer } })
    expect(bare.status).toBe(201)
    const editor = await requestJson<ErrorResponse>(server, '/api/users', {
      cookie,
      body: { username: 'ma', password: 'Ma-Chushi-2026', role: Role.editor, units: ['工信局'] },
    })
    expect(editor).toMatchObject({ status: 403, body: { error: expect.stringContaining('安全管理员') } })
    const selfMadeAdmin = await requestJson(server, '/api/users', { cookie, body: { username: 'ma2', password: 'Ma-Chushi-2026', role: Role.admin } })
    expect(selfMadeAdmin.status).toBe(403)
    expect((await requestJson(server, `/api/users/${bare.body.user.id}`, { cookie, method: 'PATCH', body: { role: Role.admin } })).status).toBe(403)
    expect((await requestJson(server, `/api/users/${bare.body.user.id}`, { cookie, method: 'PATCH', body: { password: 'Reset-Liu-2026' } })).status).toBe(200)
    expect((await requestJson(server, '/api/security-audit', { cookie })).status).toBe(403)
    await expectBoardClosedTo(cookie)
  })

  test('the security admin gives roles and units, but creates no account, resets no password, reads no log and edits no board', async () => {
    const cookie = cookies.secadmin
    const users = await requestJson<UserListResponse>(server, '/api/users', { cookie })
    expect(users.status).toBe(200)
    const liu =
      users.body.users.find((user) => user.username === 'liu') ??
      (
        await requestJson<UserResponse>(server, '/api/users', {
          cookie: cookies.sysadmin,
          body: { username: 'liu', password: 'Liu-Chushi-2026', role: Role.viewer },
        })
      ).body.user
    expect((await requestJson(server, `/api/users/${liu.id}`, { cookie, method: 'PATCH', body: { role: Role.editor, units: ['工信局'] } })).status).toBe(200)
    expect((await requestJson(server, `/api/users/${liu.id}`, { cookie, method: 'PATCH', body: { password: 'Secadmin-Knows-1' } })).status).toBe(403)
    expect((await requestJson(server, `/api/users/${liu.id}`, { cookie, method: 'PATCH', body: { disabled: true } })).status).toBe(403)
    expect((await requestJson(server, '/api/users', { cookie, body: { username: 'wei', password: 'Wei-Chushi-2026', role: Role.viewer } })).status).toBe(403)
    const me = await requestJson<UserMeResponse>(server, '/api/me', { cookie })
    expect((await requestJson(server, `/api/users/${me.body.user.id}`, { cookie, method: 'PATCH', body: { role: Role.admin } })).status).toBe(400)
    expect((await requestJson(server, '/api/security-audit', { cookie })).status).toBe(403)
    await expectBoardClosedTo(cookie)
  })

  test('the audit admin reads, exports and verifies the log, and can do nothing else', async () => {
    const cookie = cookies.auditadmin
    const log = await requestJson<SecurityAuditExport>(server, '/api/security-audit', { cookie })
    expect(log.status).toBe(200)
    expect(log.body.entries.map((entry) => entry.type)).toEqual(expect.arrayContaining(['login.succeeded', 'password.changed', 'access.denied']))
    expect((await requestJson(server, '/api/security-audit/verify', { cookie })).body).toMatchObject({ ok: true })
    expect((await requestJson(server, '/api/users', { cookie })).status).toBe(403)
    expect((await requestJson(server, '/api/users', { cookie, body: { username: 'zhao', password: 'Zhao-Chushi-2026', role: Role.viewer } })).status).toBe(403)
    expect((await requestJson(server, '/api/screen-links', { cookie, body: { boardId, name: '偷看' } })).status).toBe(403)
    await expectBoardClosedTo(cookie)
  })
})

describe('三员 roles while the duties are not separated', () => {
  test('cannot be given to anyone, and the project office keeps every power', async () => {
    const server = await startServer()
    const refused = await requestJson<ErrorResponse>(server, '/api/users', { body: { username: 'shenji', password: 'Shenji-2026-a', role: Role.auditAdmin } })
    expect(refused).toMatchObject({ status: 400, body: { error: expect.stringContaining('未启用三员分立') } })
    expect(
      (await requestJson(server, '/api/users', { body: { username: 'zhou', password: 'Zhou-2026-ab', role: Role.editor, units: ['工信局'] } })).status,
    ).toBe(201)
    expect((await requestJson(server, '/api/security-audit')).status).toBe(200)
    expect(server.output()).not.toContain('三员分立')
  })
})
