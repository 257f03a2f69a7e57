import type { PublicUser } from '@guatu/shared/api/users'
import { describe, expect, test } from 'vitest'
import { Role } from '@guatu/shared/domain/role'
import { createAccount, createScreenLink, createUser } from '../helpers/accounts.ts'
import { createBoard, requestJson, type JsonResponse } from '../helpers/rest.ts'
import { type TestServer } from '../helpers/server.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import type { ErrorResponse } from '@guatu/shared/api/errors'
import type { UserListResponse } from '@guatu/shared/api/users'
import type { UnlockedUserResponse } from '@guatu/shared/api/users'

const CHINESE = /[\u4e00-\u9fff]/
const SLOWED = /验证已放慢/
/** Past the slowdown threshold every failure is answered after 2 s by design (ADDRESS_SLOWDOWN_MS): fifty take over 40 s. */
const SLOWED_LOGINS_TIMEOUT_MS = 150_000

type LoginAnswer = JsonResponse<{ error?: string; user?: { username: string } }>

function login(server: TestServer, username: string, password: string, forwardedFor?: string): Promise<LoginAnswer> {
  return requestJson(server, '/api/login', {
    token: null,
    body: { username, password },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  })
}

async function failMany(server: TestServer, count: number, forwardedFor: (i: number) => string | undefined): Promise<void> {
  for (let i = 0; i < count; i++) {
    // A different unknown name each time, as a script spraying an office's accounts would.
    const answer = await login(server, `spray_${i}`, 'Password123', forwardedFor(i))
    expect(answer.status, `failed login ${i + 1}`).toBe(401)
  }
}

async function listedUser(server: TestServer, username: string): Promise<PublicUser & { lockedUntil: string | null }> {
  const { body } = await requestJson<UserListResponse>(server, '/api/users')
  const user = body.users.find((entry) => entry.username === username)
  if (!user) throw new Error(`${username} is not listed`)
  return user
}

async function lockByFailures(server: TestServer, username: string, names: readonly string[]): Promise<void> {
  for (const name of names) expect((await login(server, name, 'not-the-password')).status, `a wrong password as ${name}`).toBe(401)
  const locked = await login(server, username, 'not-the-password')
  expect(locked.status).toBe(429)
}

describe('one address failing many times never blocks another account', () => {
  test(
    'fifty failed logins from the same address do not stop another user there signing in with the right password',
    async () => {
      const server = await startInProcessServer()
      await createUser(server, { username: 'fgj_victim', password: 'victim-pass-2025', role: Role.editor, units: ['发改局'] })
      await failMany(server, 50, () => undefined)
      const slowed = await login(server, 'spray_x', 'Password123')
      expect(slowed.status).toBe(401)
      expect(slowed.body.error).toMatch(SLOWED)
      const victim = await login(server, 'fgj_victim', 'victim-pass-2025')
      expect(victim.status).toBe(200)
      expect(victim.body.user?.username).toBe('fgj_victim')
    },
    SLOWED_LOGINS_TIMEOUT_MS,
  )

  test(
    'behind a trusted proxy, fifty failures from one client (or from many) block neither a colleague at that address nor anyone else',
    async () => {
      const server = await startInProcessServer({ env: { GUATU_TRUSTED_PROXIES: '127.0.0.1,::1' } })
      await createUser(server, { username: 'swj_victim', password: 'victim-pass-2025', role: Role.editor, units: ['商务局'] })
      await failMany(server, 50, () => '203.0.113.7')
      await failMany(server, 50, (i) => `198.51.100.${i + 1}`)
      expect((await login(server, 'spray_y', 'Password123', '203.0.113.7')).body.error).toMatch(SLOWED)
      expect((await login(server, 'swj_victim', 'victim-pass-2025', '203.0.113.7')).status, 'the same office address').toBe(200)
      expect((await login(server, 'swj_victim', 'victim-pass-2025', '203.0.113.8')).status, 'another address').toBe(200)
      expect((await login(server, 'swj_victim', 'victim-pass-2025')).status, 'the proxy itself').toBe(200)
    },
    SLOWED_LOGINS_TIMEOUT_MS,
  )
})

describe('the account is what is counted and locked, however it is named', () => {
  test('failures by name, by upper-case name and by user id add up; then every way in is locked, with a Chinese message naming the minutes', async () => {
    const server = await startInProcessServer()
    const user = await createUser(server, { username: 'zjj_chen', password: 'chen-pass-2025', role: Role.editor, units: ['住建局'] })
    await lockByFailures(server, 'zjj_chen', ['zjj_chen', 'ZJJ_CHEN', user.id, user.id, 'zjj_chen'])
    for (const name of ['zjj_chen', user.id, 'Zjj_Chen']) {
      const locked = await login(server, name, 'chen-pass-2025')
      expect(locked.status, `the right password as ${name}`).toBe(429)
      expect(locked.body.error).toMatch(/账号已锁定.*15分钟/)
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60)
    }
  })

  test('the lockout count and duration follow GUATU_LOCKOUT_FAILURES and GUATU_LOCKOUT_MINUTES', async () => {
    const server = await startInProcessServer({ env: { GUATU_LOCKOUT_FAILURES: '3', GUATU_LOCKOUT_MINUTES: '30' } })
    await createUser(server, { username: 'jtj_wu', password: 'wu-pass-2025', role: Role.editor, units: ['交通局'] })
    const first = await login(server, 'jtj_wu', 'wrong-pass-1')
    expect(first.body.error).toMatch(/再失败2次账号将锁定30分钟/)
    await lockByFailures(server, 'jtj_wu', ['jtj_wu', 'jtj_wu'])
    expect((await login(server, 'jtj_wu', 'wu-pass-2025')).body.error).toMatch(/30分钟/)
  })

  test('twenty guesses sent at once get no more than five checked', async () => {
    const server = await startInProcessServer()
    await createUser(server, { username: 'nyj_zhou', password: 'zhou-pass-2025', role: Role.editor, units: ['农业局'] })
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login(server, 'nyj_zhou', `parallel-guess-${i}`)))
    expect(answers.filter((answer) => answer.status === 401)).toHaveLength(5)
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(15)
  })
})

describe('the office sees locked accounts and unlocks them', () => {
  test('a locked account is listed as locked; the office unlocks it and the right password works again', async () => {
    const server = await startInProcessServer()
    const user = await createUser(server, { username: 'wlj_he', password: 'he-pass-2025', role: Role.viewer, units: [] })
    expect((await listedUser(server, 'wlj_he')).lockedUntil).toBeNull()
    await lockByFailures(
      server,
      'wlj_he',
      Array.from({ length: 5 }, () => 'wlj_he'),
    )
    const listed = await listedUser(server, 'wlj_he')
    expect(Date.parse(listed.lockedUntil ?? '')).toBeGreaterThan(Date.now() + 14 * 60_000)
    const unlocked = await requestJson<UnlockedUserResponse>(server, `/api/users/${user.id}/unlock`, { method: 'POST', body: {} })
    expect(unlocked.status).toBe(200)
    expect(unlocked.body.user.lockedUntil).toBeNull()
    expect((await listedUser(server, 'wlj_he')).lockedUntil).toBeNull()
    expect((await login(server, user.id, 'he-pass-2025')).status).toBe(200)
  })

  test('a department user, a leader, a screen link and nobody at all cannot unlock an account', async () => {
    const server = await startInProcessServer()
    const board = await createBoard(server, '解锁攻击')
    const target = await createUser(server, { username: 'sjj_target', password: 'target-pass-2025', role: Role.editor, units: ['审计局'] })
    const editor = await createAccount(server, { username: 'sjj_editor', password: 'editor-pass-2025', role: Role.editor, units: ['审计局'] })
    const viewer = await createAccount(server, { username: 'ld_viewer', password: 'viewer-pass-2025', role: Role.viewer, units: [] })
    const screen = await createScreenLink(server, board.id)
    await lockByFailures(
      server,
      'sjj_target',
      Array.from({ length: 5 }, () => 'sjj_target'),
    )
    for (const [who, token, status] of [
      ['department user', editor.token, 403],
      ['leader', viewer.token, 403],
      ['screen link', screen.token, 403],
      ['anonymous', null, 401],
    ] as const) {
      const answer = await requestJson<ErrorResponse>(server, `/api/users/${target.id}/unlock`, { method: 'POST', body: {}, token })
      expect(answer.status, who).toBe(status)
      expect(answer.body.error, who).toMatch(CHINESE)
    }
    expect((await login(server, 'sjj_target', 'target-pass-2025')).status, 'still locked').toBe(429)
  })
})

describe('X-Forwarded-For counts only from a trusted proxy', () => {
  test('a forged X-Forwarded-For from a peer that is not a trusted proxy is ignored: the failures count on the peer', async () => {
    for (const env of [{}, { GUATU_TRUSTED_PROXIES: '10.0.0.0/8' }] as Record<string, string>[]) {
      const server = await startInProcessServer({ env: { GUATU_ADDRESS_FAILURES: '3', ...env } })
      await failMany(server, 3, (i) => `198.51.100.${i + 10}`)
      const next = await login(server, 'spray_z', 'Password123', '198.51.100.99')
      expect(next.body.error, JSON.stringify(env)).toMatch(SLOWED)
    }
  })

  test('behind a trusted proxy the rightmost untrusted hop is the client; hops the client wrote before it do not matter', async () => {
    const server = await startInProcessServer({ env: { GUATU_ADDRESS_FAILURES: '3', GUATU_TRUSTED_PROXIES: '127.0.0.1,::1' } })
    await failMany(server, 3, (i) => `10.${i}.0.1, 203.0.113.50`)
    expect((await login(server, 'spray_a', 'Password123', '203.0.113.51')).body.error, 'another client').not.toMatch(SLOWED)
    expect((await login(server, 'spray_b', 'Password123', 'forged-by-client, 203.0.113.50')).body.error, 'the same client').toMatch(SLOWED)
  })

  test('GUATU_TRUSTED_PROXIES that is not a list of addresses stops the server with a message naming it', async () => {
    await expect(startInProcessServer({ env: { GUATU_TRUSTED_PROXIES: 'nginx.local' } })).rejects.toThrow(/GUATU_TRUSTED_PROXIES/)
  })
})
