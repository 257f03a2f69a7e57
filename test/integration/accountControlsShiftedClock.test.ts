import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'
import { Role } from '@guatu/shared/domain/role'
import type { SecurityEvent } from '@guatu/shared/domain/securityEvent'
import { ChainVerifier, type ChainAnchor } from '@guatu/server/securityAudit/chain'
import { openSqliteDatabase } from '@guatu/server/storage/sqliteDatabase'
import { createUser, loginCookie } from '../helpers/accounts.ts'
import { DENGBAO_DEFAULT_ACCOUNT_ENV } from '../helpers/credentials.ts'
import { REPO_ROOT } from '../helpers/paths.ts'
import { requestJson } from '../helpers/rest.ts'
import { clockShiftEnv, startServer, type TestServer } from '../helpers/server.ts'
import { changePassword, login, STRONG, STRONGER } from '../helpers/accountFlows.ts'

const MINUTE = 60 * 1000
const DAY = 24 * 60 * MINUTE

/** A server with the 等保 defaults (the test helpers otherwise start with the old, lax rules). */
function dengbaoServer(env: Record<string, string> = {}, dataDir?: string, signInAdmin = true): Promise<TestServer> {
  return startServer({ env: { ...DENGBAO_DEFAULT_ACCOUNT_ENV, ...env }, dataDir, signInAdmin })
}

describe('forced password change', () => {
  test('a password older than the expiry must be changed at the next sign-in', async () => {
    const server = await dengbaoServer({ GUATU_PASSWORD_MAX_AGE_DAYS: '90' })
    await createUser(server, { username: 'zhao', password: STRONG, role: Role.viewer, units: [] })
    const changed = await changePassword(server, (await login(server, 'zhao', STRONG)).cookie!, STRONG, STRONGER)
    expect(changed.status).toBe(200)
    await server.stop()

    // The admin's password has expired too by then: no admin token for this server.
    const later = await dengbaoServer({ GUATU_PASSWORD_MAX_AGE_DAYS: '90', ...clockShiftEnv(91 * DAY) }, server.dataDir, false)
    const signedIn = await login(later, 'zhao', STRONGER)
    expect(signedIn.body.status?.passwordChangeRequired).toBe('expired')
    expect(await requestJson(later, '/api/boards', { cookie: signedIn.cookie! })).toMatchObject({ status: 403, body: { error: '密码已过期，请先修改密码' } })
  })
})

describe('session lifetime', () => {
  test('a session ends after the idle timeout, and use keeps it alive up to the absolute lifetime', async () => {
    const env = { GUATU_SESSION_IDLE_MS: String(30 * MINUTE), GUATU_SESSION_MAX_MS: String(60 * MINUTE), GUATU_FORCE_PASSWORD_CHANGE: '0' }
    const server = await dengbaoServer(env)
    await createUser(server, { username: 'sun', password: STRONG, role: Role.viewer, units: [] })
    const idle = await loginCookie(server, 'sun', STRONG)
    const busy = await loginCookie(server, 'sun', STRONG)
    await server.stop()

    // By the server's clock: 25 minutes on, the busy session is used; 50 minutes on, again.
    const at = async (shift: number) => dengbaoServer({ ...env, ...clockShiftEnv(shift) }, server.dataDir)
    const at25 = await at(25 * MINUTE)
    expect((await requestJson(at25, '/api/boards', { cookie: busy })).status).toBe(200)
    await at25.stop()
    const at50 = await at(50 * MINUTE)
    expect((await requestJson(at50, '/api/boards', { cookie: idle })).status).toBe(401)
    expect((await requestJson(at50, '/api/boards', { cookie: busy })).status).toBe(200)
    await at50.stop()
    const at65 = await at(65 * MINUTE)
    expect((await requestJson(at65, '/api/boards', { cookie: busy })).status).toBe(401)
  })
})

describe('security audit log', () => {
  test('the verify command reports the first broken link after the database is edited', async () => {
    const server = await dengbaoServer({ GUATU_FORCE_PASSWORD_CHANGE: '0' })
    await createUser(server, { username: 'wu', password: STRONG, role: Role.viewer, units: [] })
    await login(server, 'wu', STRONG)
    await server.stop()

    const verify = () =>
      promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'server/dist/audit.js'), 'verify'], {
        env: { ...process.env, GUATU_DATA_DIR: server.dataDir },
      }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      )
    const intact = await verify()
    expect(intact.code).toBe(0)
    expect(intact.stdout).toContain('安全审计日志完整')

    // The JSON export carries the anchor: a copy can be checked anywhere, without the server.
    const exported = path.join(server.dataDir, 'audit.json')
    await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'server/dist/audit.js'), 'export', '--format', 'json', '--out', exported], {
      env: { ...process.env, GUATU_DATA_DIR: server.dataDir },
    })
    const copy = JSON.parse(await readFile(exported, 'utf8')) as { anchor: ChainAnchor; entries: SecurityEvent[] }
    const verifier = new ChainVerifier(copy.anchor)
    for (const entry of copy.entries) verifier.add(entry)
    expect(verifier.verdict()).toMatchObject({ ok: true, checked: copy.entries.length })
    expect(copy.entries.map((entry) => entry.type)).toEqual(expect.arrayContaining(['user.created', 'login.succeeded']))

    const db = openSqliteDatabase(server.dataDir)
    db.prepare("UPDATE security_audit SET address = '10.9.9.9' WHERE seq = 2").run()
    db.close()
    const broken = await verify()
    expect(broken.code).toBe(1)
    expect(broken.stdout).toContain('第2条')
    expect(broken.stdout).toContain('被修改')
  })
})
