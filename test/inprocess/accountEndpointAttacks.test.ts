import { beforeAll, describe, expect, test } from 'vitest'
import { Role } from '@guatu/shared/domain/role'
import { createAccount, createScreenLink, loginCookie, type TestAccount } from '../helpers/accounts.ts'
import { createBoard, expectStatus, requestJson } from '../helpers/rest.ts'
import { type TestServer } from '../helpers/server.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import type { ErrorResponse } from '@guatu/shared/api/errors'
import type { SecurityAuditExport } from '@guatu/shared/api/securityAudit'
import type { ExternalIdentitiesResponse } from '@guatu/shared/api/externalIds'

/**
 * The account endpoints added for 等保 and single sign-on, tried by everyone who must not use
 * them: a leader (领导), a department (another unit's 责任单位) and a wall screen's link. Each is
 * refused, changes nothing, and the refusal is itself in the security audit log.
 */
let server: TestServer
let leader: TestAccount
let department: TestAccount
let screenToken: string
let target: TestAccount

beforeAll(async () => {
  server = await startInProcessServer()
  leader = await createAccount(server, { username: 'atk_leader', password: 'atk-leader-2026', role: Role.viewer, units: [] })
  department = await createAccount(server, { username: 'atk_dept', password: 'atk-dept-2026', role: Role.editor, units: ['商务局'] })
  target = await createAccount(server, { username: 'atk_target', password: 'atk-target-2026', role: Role.editor, units: ['工信局'] })
  const board = await createBoard(server, '攻击测试')
  screenToken = (await createScreenLink(server, board.id)).token
})

const attackers = () => [
  { who: 'a leader', token: leader.token },
  { who: 'another department', token: department.token },
  { who: 'a screen link', token: screenToken },
]

describe('account endpoints refuse everyone but their owners', () => {
  test('nobody but the office reads, exports or verifies the security audit log', async () => {
    for (const { who, token } of attackers()) {
      for (const path of ['/api/security-audit', '/api/security-audit?format=csv', '/api/security-audit/verify']) {
        const answer = await requestJson<Partial<ErrorResponse>>(server, path, { token })
        expect(answer.status, `${who}: GET ${path}`).toBe(403)
        expect(answer.body.error, `${who}: GET ${path}`).toMatch(/[\u4e00-\u9fff]/)
      }
    }
  })

  test('nobody but the office lists 统一身份账号 or maps one onto an account (which would let them enter as it)', async () => {
    for (const { who, token } of attackers()) {
      expect((await requestJson(server, '/api/external-ids', { token })).status, `${who}: GET`).toBe(403)
      const put = await requestJson(server, `/api/external-ids/${target.user.id}`, { token, method: 'PUT', body: { externalId: `stolen-by-${who}` } })
      expect(put.status, `${who}: PUT`).toBe(403)
    }
    const listed = expectStatus(await requestJson<ExternalIdentitiesResponse>(server, '/api/external-ids'), 200, 'GET as the office')
    expect(listed.identities.filter((identity) => identity.userId === target.user.id)).toEqual([])
  })

  test('nobody but the office unlocks an account', async () => {
    for (const { who, token } of attackers()) {
      expect((await requestJson(server, `/api/users/${target.user.id}/unlock`, { token, method: 'POST' })).status, who).toBe(403)
    }
  })

  test("a screen link has no password to change, and a user's wrong current password changes nothing and does not sign them out", async () => {
    const byScreen = await requestJson(server, '/api/password', { token: screenToken, body: { currentPassword: 'x', newPassword: 'Atk-Screen-2026!' } })
    expect(byScreen.status).toBe(403)
    const cookie = await loginCookie(server, 'atk_target', 'atk-target-2026')
    const wrong = await requestJson<ErrorResponse>(server, '/api/password', {
      cookie,
      token: null,
      body: { currentPassword: 'guess-1', newPassword: 'Atk-Target-2027!' },
    })
    expect(wrong).toMatchObject({ status: 400, body: { error: '当前密码不正确' } })
    expect((await requestJson(server, '/api/me', { cookie, token: null })).status, 'the session survives a mistyped current password').toBe(200)
    await loginCookie(server, 'atk_target', 'atk-target-2026')
  })

  test('every refusal above is in the security audit log, naming who was refused', async () => {
    const audit = expectStatus(await requestJson<SecurityAuditExport>(server, '/api/security-audit'), 200, 'GET as the office')
    const denied = audit.entries.filter((entry) => entry.type === 'access.denied')
    for (const account of [leader, department]) {
      const theirs = denied.filter((entry) => entry.actorId === account.user.id).map((entry) => entry.target)
      expect(theirs, account.user.username).toEqual(
        expect.arrayContaining(['GET /api/security-audit', `PUT /api/external-ids/${target.user.id}`, `POST /api/users/${target.user.id}/unlock`]),
      )
    }
  })
})
