import type { PublicUser } from '@guatu/shared/api/users'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { Role } from '@guatu/shared/domain/role'
import { SIGN_IN_OPTIONS_PATH, SSO_START_PATH, signInOptionsSchema } from '@guatu/shared/domain/singleSignOn'
import { MAX_PENDING_SIGN_INS } from '@guatu/server/accounts/oidc/singleSignOn'
import { openSqliteFile } from '@guatu/server/storage/sqliteDatabase'
import { createAccount, createUser } from '../helpers/accounts.ts'
import { deferCleanup } from '../helpers/cleanup.ts'
import { createTestDatabase } from '../helpers/postgres.ts'
import { SESSION_COOKIE_NAME, TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME, sessionCookieFrom } from '../helpers/credentials.ts'
import { startIdentityProvider, type TestIdentityProvider } from '../helpers/identityProvider.ts'
import { expectStatus, requestJson } from '../helpers/rest.ts'
import { type TestServer } from '../helpers/server.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import { ServerProcess } from '../helpers/serverProcess.ts'
import { PENDING_SIGN_IN_COOKIE_NAME, callCallback, setExternalId, signInAtProvider } from '../helpers/ssoFlow.ts'
import type { ExternalIdentitiesResponse } from '@guatu/shared/api/externalIds'
import type { SecurityAuditExport } from '@guatu/shared/api/securityAudit'
import type { UserMeResponse } from '@guatu/shared/api/session'
import type { UserListResponse } from '@guatu/shared/api/users'

const NOT_ENABLED = '该统一身份账号尚未开通，请联系项目办'

const IDENTITIES = [
  { sub: 'zhang.wei', name: '张伟', preferredUsername: 'zhangwei' },
  { sub: 'li.na', name: '李娜', preferredUsername: 'lina' },
  { sub: 'wang.qiang', name: '王强', preferredUsername: 'wangqiang' },
  { sub: 'zhao.lei', name: '赵磊', preferredUsername: 'zhaolei' },
]

let idp: TestIdentityProvider
let server: TestServer
let zhang: PublicUser

/** Who `/api/me` says a session cookie belongs to, or the status when it says nobody. */
async function whoIs(cookie: string): Promise<{ username: string; role: string; units: string[] } | number> {
  const response = await requestJson<Partial<UserMeResponse>>(server, '/api/me', { token: null, cookie })
  return response.status === 200 && response.body.user ? response.body.user : response.status
}

function expectNoSession(response: Response): void {
  expect(sessionCookieFrom(response.headers)).toBeUndefined()
}

beforeAll(async () => {
  idp = await startIdentityProvider(IDENTITIES)
  server = await startInProcessServer({ env: idp.guatuEnv() })
  idp.registerGuatu(server.url)
  zhang = await createUser(server, { username: 'gxj_zhang', password: 'gongxin-zhang-2025', role: Role.editor, units: ['工信局'], displayName: '工信局张科长' })
  expectStatus(await setExternalId(server, zhang.id, 'zhang.wei'), 200, 'enable zhang.wei')
  const wang = await createUser(server, { username: 'sw_wang', password: 'shangwu-wang-2025', role: Role.viewer, units: [] })
  expectStatus(await setExternalId(server, wang.id, 'wang.qiang'), 200, 'enable wang.qiang')
  expectStatus(await requestJson(server, `/api/users/${wang.id}`, { method: 'PATCH', body: { disabled: true } }), 200, 'disable wang')
})

describe('single sign-on with the 统一身份认证 over raw HTTP', () => {
  test('the login page is told that SSO exists and passwords are still accepted', async () => {
    const response = await requestJson(server, SIGN_IN_OPTIONS_PATH, { token: null })
    expect(signInOptionsSchema.parse(response.body)).toEqual({ localLogin: true, sso: { label: '统一身份认证登录' } })
  })

  test('an enabled identity signs in as the account the office mapped it to, with the role and units the office set', async () => {
    const { callbackUrl, pendingCookie } = await signInAtProvider(server.url, 'zhang.wei', { returnTo: '/board/b1?view=lights#top' })
    const response = await callCallback(callbackUrl, pendingCookie)
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/board/b1?view=lights#top')
    const cookie = sessionCookieFrom(response.headers)
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE_NAME}=`))
    // The same cookie as a password login: httpOnly, Lax, the whole site, the same lifetime.
    const setCookie = response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE_NAME}=`)) ?? ''
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    expect(setCookie).toMatch(/Path=\//)
    expect(setCookie).toMatch(/Max-Age=43200/)
    expect(await whoIs(cookie!)).toMatchObject({ username: 'gxj_zhang', role: Role.editor, units: ['工信局'] })
  })

  test('a session from SSO ends on logout like a password session', async () => {
    const { callbackUrl, pendingCookie } = await signInAtProvider(server.url, 'zhang.wei')
    const cookie = sessionCookieFrom((await callCallback(callbackUrl, pendingCookie)).headers)!
    expect(await whoIs(cookie)).toMatchObject({ username: 'gxj_zhang' })
    expect((await requestJson(server, '/api/logout', { method: 'POST', token: null, cookie })).status).toBe(204)
    expect(await whoIs(cookie)).toBe(401)
  })

  test('disabling the account ends a session made by SSO, as it ends a password session', async () => {
    const zhao = await createUser(server, { username: 'zrzy_zhao', password: 'ziran-zhao-2025', role: Role.editor, units: ['自然资源局'] })
    expectStatus(await setExternalId(server, zhao.id, 'zhao.lei'), 200, 'enable zhao.lei')
    const { callbackUrl, pendingCookie } = await signInAtProvider(server.url, 'zhao.lei')
    const other = sessionCookieFrom((await callCallback(callbackUrl, pendingCookie)).headers)!
    expect(await whoIs(other)).toMatchObject({ username: 'zrzy_zhao' })
    expectStatus(await requestJson(server, `/api/users/${zhao.id}`, { method: 'PATCH', body: { disabled: true } }), 200, 'disable zhao')
    expect(await whoIs(other)).toBe(401)
  })

  test('an identity the office has not enabled is refused in Chinese, and no account is created', async () => {
    const before = (await requestJson<UserListResponse>(server, '/api/users')).body.users.length
    const { callbackUrl, pendingCookie } = await signInAtProvider(server.url, 'li.na')
    const response = await callCallback(callbackUrl, pendingCookie)
    expect(response.status).toBe(403)
    expect(await response.text()).toContain(NOT_ENABLED)
    expectNoSession(response)
    expect((await requestJson<UserListResponse>(server, '/api/users')).body.users.length).toBe(before)
  })

  test('a disabled account is refused even with a valid identity', async () => {
    const { callbackUrl, pendingCookie } = await signInAtProvider(server.url, 'wang.qiang')
    const response = await callCallback(callbackUrl, pendingCookie)
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('该账号已停用，请联系项目办')
    expectNoSession(response)
  })

  test('a callback with a forged state is refused, and the sign-in it belonged to cannot be finished afterwards', async () => {
    const { callbackUrl, pendingCookie } = await signInAtProvider(server.url, 'zhang.wei')
    const forged = new URL(callbackUrl)
    forged.searchParams.set('state', 'forged-state')
    const refused = await callCallback(forged, pendingCookie)
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('统一身份认证的返回结果无效')
    expectNoSession(refused)
    // The pending sign-in was used up by the forged attempt: the genuine callback is now stale.
    const genuine = await callCallback(callbackUrl, pendingCookie)
    expect(genuine.status).toBe(400)
    expectNoSession(genuine)
  })

  test('a sign-in cancelled at the identity provider ends on a Chinese page, without a session', async () => {
    const start = await fetch(`${server.url}${SSO_START_PATH}`, { redirect: 'manual' })
    const authorization = new URL(start.headers.get('location')!)
    expect(authorization.origin).toBe(idp.issuer)
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256')
    const pendingCookie = start.headers
      .getSetCookie()
      .find((line) => line.startsWith(`${PENDING_SIGN_IN_COOKIE_NAME}=`))!
      .split(';')[0]!
    const cancelled = new URL(authorization.searchParams.get('redirect_uri')!)
    cancelled.search = new URLSearchParams({ error: 'access_denied', state: authorization.searchParams.get('state')! }).toString()
    const response = await callCallback(cancelled, pendingCookie)
    expect(response.status).toBe(401)
    expect(await response.text()).toContain('统一身份认证未完成')
    expectNoSession(response)
  })

  test('a callback without the browser cookie of the sign-in is refused (login CSRF)', async () => {
    const { callbackUrl } = await signInAtProvider(server.url, 'zhang.wei')
    const withoutCookie = await callCallback(callbackUrl, undefined)
    expect(withoutCookie.status).toBe(400)
    expect(await withoutCookie.text()).toContain('已失效')
    expectNoSession(withoutCookie)
    // Nor with the cookie of another sign-in, which an attacker could start for themselves.
    const other = await signInAtProvider(server.url, 'zhang.wei')
    const crossed = await callCallback(callbackUrl, other.pendingCookie)
    expect(crossed.status).toBe(400)
    expectNoSession(crossed)
  })

  test('a replayed callback is refused: the pending sign-in is used once, and the code cannot be redeemed twice', async () => {
    const { callbackUrl, pendingCookie } = await signInAtProvider(server.url, 'zhang.wei')
    const first = await callCallback(callbackUrl, pendingCookie)
    expect(first.status).toBe(302)
    const replay = await callCallback(callbackUrl, pendingCookie)
    expect(replay.status).toBe(400)
    expectNoSession(replay)
    // The same code under a fresh sign-in of the attacker's own, with its state: the provider
    // refuses the used code (and its PKCE verifier is another).
    const fresh = await signInAtProvider(server.url, 'zhang.wei')
    const reused = new URL(callbackUrl)
    reused.searchParams.set('state', fresh.callbackUrl.searchParams.get('state')!)
    const redeemedTwice = await callCallback(reused, fresh.pendingCookie)
    expect(redeemedTwice.status).toBe(400)
    expectNoSession(redeemedTwice)
  })

  test('returnTo pointing to another origin is ignored: the user lands on the board list of this site', async () => {
    for (const returnTo of [
      'https://evil.example/board',
      '//evil.example/board',
      '/.//evil.example/board',
      '/\\evil.example/board',
      'javascript:alert(1)',
      '/\n/evil.example',
      '/api/logout',
    ]) {
      const { callbackUrl, pendingCookie } = await signInAtProvider(server.url, 'zhang.wei', { returnTo })
      const response = await callCallback(callbackUrl, pendingCookie)
      expect(response.status, returnTo).toBe(302)
      const location = response.headers.get('location') ?? ''
      expect(new URL(location, server.url).origin, returnTo).toBe(server.url)
      expect(location, returnTo).toBe('/')
    }
  })

  test('only the office sets a 统一身份账号, and one identity maps to one account', async () => {
    const viewer = await createAccount(server, { username: 'ld_zhao', password: 'lingdao-zhao-2025', role: Role.viewer, units: [] })
    const byViewer = await setExternalId(server, viewer.user.id, 'zhang.wei', { token: viewer.token })
    expect(byViewer.status).toBe(403)
    const taken = await setExternalId(server, viewer.user.id, 'zhang.wei')
    expect(taken.status).toBe(409)
    expect(JSON.stringify(taken.body)).toContain('已对应其他用户')
    const listed = await requestJson<ExternalIdentitiesResponse>(server, '/api/external-ids')
    expect(listed.body.identities.filter((identity) => identity.externalId === 'zhang.wei')).toEqual([{ userId: zhang.id, externalId: 'zhang.wei' }])
    expect((await requestJson(server, '/api/external-ids', { token: viewer.token })).status).toBe(403)
  })

  test('when the office moves a 统一身份账号 to another account, whoever signed in under it is signed out', async () => {
    const li = await createUser(server, { username: 'fgw_li', password: 'fagai-li-2025', role: Role.editor, units: ['发改委'] })
    expectStatus(await setExternalId(server, li.id, 'li.na'), 200, 'enable li.na')
    const { callbackUrl, pendingCookie } = await signInAtProvider(server.url, 'li.na')
    const cookie = sessionCookieFrom((await callCallback(callbackUrl, pendingCookie)).headers)!
    expect(await whoIs(cookie)).toMatchObject({ username: 'fgw_li' })
    expectStatus(await setExternalId(server, li.id, null), 200, 'remove li.na')
    expect(await whoIs(cookie)).toBe(401)
    const again = await signInAtProvider(server.url, 'li.na')
    const refused = await callCallback(again.callbackUrl, again.pendingCookie)
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain(NOT_ENABLED)
    const audit = expectStatus(await requestJson<SecurityAuditExport>(server, '/api/security-audit'), 200, 'GET /api/security-audit')
    const changes = audit.entries.filter((entry) => entry.target === li.id && entry.type === 'user.changed').map((entry) => entry.detail)
    expect(changes, 'both changes of who may enter as fgw_li are in the security audit log').toEqual(['统一身份账号：「li.na」', '移除统一身份账号「li.na」'])
    expect(audit.entries.some((entry) => entry.type === 'login.succeeded' && entry.target === li.id && entry.detail === '统一身份认证')).toBe(true)
  })
})

describe('the claim that identifies a person', () => {
  test('with GUATU_OIDC_USER_CLAIM=preferred_username the office enters that name, read from userinfo when the ID token lacks it', async () => {
    const byName = await startInProcessServer({ env: idp.guatuEnv({ GUATU_OIDC_USER_CLAIM: 'preferred_username' }) })
    idp.registerGuatu(byName.url)
    const user = await createUser(byName, { username: 'gxj_zhang', password: 'gongxin-zhang-2025', role: Role.editor, units: ['工信局'] })
    // The `sub` alone no longer identifies anyone on this server.
    expectStatus(await setExternalId(byName, user.id, 'zhang.wei'), 200, 'enable the sub')
    const bySub = await signInAtProvider(byName.url, 'zhang.wei')
    expect((await callCallback(bySub.callbackUrl, bySub.pendingCookie)).status).toBe(403)
    expectStatus(await setExternalId(byName, user.id, 'zhangwei'), 200, 'enable the preferred_username')
    const { callbackUrl, pendingCookie } = await signInAtProvider(byName.url, 'zhang.wei')
    const response = await callCallback(callbackUrl, pendingCookie)
    expect(response.status).toBe(302)
    const me = await requestJson<UserMeResponse>(byName, '/api/me', { token: null, cookie: sessionCookieFrom(response.headers)! })
    expect(me.body.user.username).toBe('gxj_zhang')
  })
})

describe('single sign-on on a scaled-out server', () => {
  test('a sign-in started on one process finishes on another process of the same PostgreSQL database, once', async () => {
    const database = await createTestDatabase()
    deferCleanup(() => database.drop())
    const env = idp.guatuEnv({ GUATU_DATABASE_URL: database.url, GUATU_LOG_LEVEL: 'warn' })
    const first = await startInProcessServer({ env })
    const second = await startInProcessServer({ env })
    idp.registerGuatu(first.url)
    const user = await createUser(first, { username: 'gxj_zhang', password: 'gongxin-zhang-2025', role: Role.editor, units: ['工信局'] })
    expectStatus(await setExternalId(second, user.id, 'zhang.wei'), 200, 'enable zhang.wei on the other process')
    const { callbackUrl, pendingCookie } = await signInAtProvider(first.url, 'zhang.wei')
    // The load balancer sends the way back to the other process.
    const onSecond = new URL(callbackUrl.pathname + callbackUrl.search, second.url)
    const response = await callCallback(onSecond, pendingCookie)
    expect(response.status).toBe(302)
    const cookie = sessionCookieFrom(response.headers)!
    const me = await requestJson<UserMeResponse>(first, '/api/me', { token: null, cookie })
    expect(me.body.user.username).toBe('gxj_zhang')
    expect((await callCallback(callbackUrl, pendingCookie)).status).toBe(400)
  })
})

describe('a flood of sign-in starts', () => {
  test('stores at most MAX_PENDING_SIGN_INS sign-ins under way; beyond that a start is refused in Chinese and nothing is stored', async () => {
    const flooded = await startInProcessServer({ env: idp.guatuEnv() })
    idp.registerGuatu(flooded.url)
    // The stored state a flood of anonymous starts leaves behind, written straight into the database.
    const db = openSqliteFile(flooded.dataDir)
    const insert = db.prepare(
      "INSERT INTO pending_sign_ins (token_hash, state, nonce, code_verifier, redirect_uri, return_to, expires_at) VALUES (?, 's', 'n', 'v', 'http://x/', '/', ?)",
    )
    const expiresAt = Date.now() + 10 * 60_000
    db.transaction(() => {
      for (let i = 0; i < MAX_PENDING_SIGN_INS; i++) insert.run(`flood-${i}`, expiresAt)
    })()
    const response = await fetch(`${flooded.url}${SSO_START_PATH}`, { redirect: 'manual' })
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('60')
    expect(await response.text()).toContain('统一身份认证登录请求过多，请稍后再试')
    expect(response.headers.getSetCookie().some((line) => line.startsWith(`${PENDING_SIGN_IN_COOKIE_NAME}=`))).toBe(false)
    expect(db.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM pending_sign_ins').get()?.count).toBe(MAX_PENDING_SIGN_INS)
    db.close()
  })
})

describe('GUATU_LOCAL_LOGIN=0', () => {
  test('passwords are refused with a Chinese message, also for the first admin, while SSO still signs in', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-sso-only-'))
    deferCleanup(() => rm(dataDir, { recursive: true, force: true }))
    // The office prepares accounts with passwords still on, then turns them off.
    const prepared = new ServerProcess(
      dataDir,
      { GUATU_DEMO: '0', GUATU_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...idp.guatuEnv() },
      { username: TEST_ADMIN_USERNAME, password: TEST_ADMIN_PASSWORD },
    )
    await prepared.launch(0)
    const user = await createUser(prepared, { username: 'gxj_zhang', password: 'gongxin-zhang-2025', role: Role.editor, units: ['工信局'] })
    expectStatus(await setExternalId(prepared, user.id, 'zhang.wei'), 200, 'enable zhang.wei')
    await prepared.stop()

    const ssoOnly = new ServerProcess(dataDir, { GUATU_DEMO: '0', GUATU_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...idp.guatuEnv({ GUATU_LOCAL_LOGIN: '0' }) })
    deferCleanup(() => ssoOnly.shutdownQuietly())
    await ssoOnly.launch(0)
    idp.registerGuatu(ssoOnly.url)

    for (const [username, password] of [
      [TEST_ADMIN_USERNAME, TEST_ADMIN_PASSWORD],
      ['gxj_zhang', 'gongxin-zhang-2025'],
    ]) {
      const response = await fetch(`${ssoOnly.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      })
      expect(response.status, username).toBe(403)
      expect(((await response.json()) as { error: string }).error).toMatch(/统一身份认证/)
      expect(sessionCookieFrom(response.headers)).toBeUndefined()
    }
    const options = await (await fetch(`${ssoOnly.url}${SIGN_IN_OPTIONS_PATH}`)).json()
    expect(signInOptionsSchema.parse(options)).toEqual({ localLogin: false, sso: { label: '统一身份认证登录' } })

    const { callbackUrl, pendingCookie } = await signInAtProvider(ssoOnly.url, 'zhang.wei')
    expect(pendingCookie.startsWith(`${PENDING_SIGN_IN_COOKIE_NAME}=`)).toBe(true)
    const response = await callCallback(callbackUrl, pendingCookie)
    expect(response.status).toBe(302)
    const me = await fetch(`${ssoOnly.url}/api/me`, { headers: { cookie: sessionCookieFrom(response.headers)! } })
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('gxj_zhang')
  })

  test('turning passwords off without single sign-on stops the server at startup, naming the setting', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-sso-misconfigured-'))
    deferCleanup(() => rm(dataDir, { recursive: true, force: true }))
    const misconfigured = new ServerProcess(dataDir, { GUATU_DEMO: '0', GUATU_LOCAL_LOGIN: '0' })
    deferCleanup(() => misconfigured.shutdownQuietly())
    await expect(misconfigured.launch(0)).rejects.toThrow(/GUATU_LOCAL_LOGIN=0 needs GUATU_OIDC_ISSUER/)
  })
})
