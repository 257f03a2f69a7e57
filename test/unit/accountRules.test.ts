import { describe, expect, test } from 'vitest'
import { DEFAULT_PASSWORD_POLICY, describePasswordPolicy, passwordExpired, passwordProblem } from '@guatu/shared/domain/passwordPolicy'
import { checkSession, sessionEnd, type SessionLifetime } from '@guatu/server/accounts/sessionLifetime'

const MINUTE = 60_000
const policy = DEFAULT_PASSWORD_POLICY

describe('password policy', () => {
  test('asks for length first, then three of four kinds of characters, then a password unlike the name', () => {
    expect(passwordProblem(policy, 'Ab1-', 'zhou')).toBe('密码至少10位')
    expect(passwordProblem(policy, 'abcdefghij', 'zhou')).toBe('密码须包含大写字母、小写字母、数字、符号中的至少3类')
    expect(passwordProblem(policy, 'abcdefghij12', 'zhou')).toContain('至少3类')
    expect(passwordProblem(policy, 'abcdefgh-12', 'zhou')).toBeUndefined()
    expect(passwordProblem(policy, 'Zhou.Ke-2026', 'zhou.ke-2026')).toBe('密码不能与用户名相同')
    expect(passwordProblem({ ...policy, minClasses: 0, minLength: 8 }, 'abcdefgh', 'zhou')).toBeUndefined()
  })

  test('counts characters, not UTF-16 units, and treats Chinese text as neither case nor symbol', () => {
    expect(passwordProblem(policy, '挂图作战挂图作战挂图', 'zhou')).toContain('至少3类')
    expect(passwordProblem(policy, '挂图作战-2026年ab', 'zhou')).toBeUndefined()
  })

  test('describes itself in one Chinese sentence the forms show', () => {
    expect(describePasswordPolicy(policy)).toBe('密码须至少10位，包含大写字母、小写字母、数字、符号中的至少3类，不能与用户名相同')
  })

  test('expires a password only when an expiry is set and the age is reached', () => {
    const changed = '2026-01-01T00:00:00.000Z'
    const at = (days: number) => Date.parse(changed) + days * 24 * 60 * MINUTE
    expect(passwordExpired(policy, changed, at(10_000))).toBe(false)
    expect(passwordExpired({ ...policy, maxAgeDays: 90 }, changed, at(89))).toBe(false)
    expect(passwordExpired({ ...policy, maxAgeDays: 90 }, changed, at(90))).toBe(true)
    expect(passwordExpired({ ...policy, maxAgeDays: 90 }, null, at(1000))).toBe(false)
  })
})

describe('session lifetime', () => {
  const lifetime: SessionLifetime = { idleMs: 30 * MINUTE, maxMs: 12 * 60 * MINUTE }
  const start = 1_800_000_000_000

  test('a session used within the idle timeout is extended, at most about once a minute', () => {
    const session = { userId: 'u', createdAt: start, expiresAt: sessionEnd(lifetime, start, start) }
    expect(checkSession(session, lifetime, start + 30_000)).toEqual({ valid: true, extendTo: undefined })
    expect(checkSession(session, lifetime, start + 20 * MINUTE)).toEqual({ valid: true, extendTo: start + 50 * MINUTE })
  })

  test('a session unused for the idle timeout is over', () => {
    const session = { userId: 'u', createdAt: start, expiresAt: start + 30 * MINUTE }
    expect(checkSession(session, lifetime, start + 30 * MINUTE)).toEqual({ valid: false })
  })

  test('no use extends a session past its absolute lifetime', () => {
    const nearEnd = start + 12 * 60 * MINUTE - 10 * MINUTE
    const session = { userId: 'u', createdAt: start, expiresAt: nearEnd + 5 * MINUTE }
    expect(checkSession(session, lifetime, nearEnd)).toEqual({ valid: true, extendTo: start + 12 * 60 * MINUTE })
    expect(checkSession({ ...session, expiresAt: start + 13 * 60 * MINUTE }, lifetime, start + 12 * 60 * MINUTE)).toEqual({ valid: false })
  })

  test('a lowered idle timeout applies at once to sessions made under the old one, and sessions from before the upgrade end', () => {
    const session = { userId: 'u', createdAt: start, expiresAt: start + 12 * 60 * MINUTE }
    expect(checkSession(session, lifetime, start + MINUTE)).toEqual({ valid: true, extendTo: start + 31 * MINUTE })
    expect(checkSession({ ...session, createdAt: 0 }, lifetime, start + MINUTE)).toEqual({ valid: false })
  })
})
