import { describe, expect, test } from 'vitest'
import { AccountLockout } from '@guatu/server/accounts/accountLockout'
import { MemoryAttemptCounters } from '@guatu/server/accounts/attemptCounters'
import { RequestError } from '@guatu/server/requestError'

const SETTINGS = { maxFailuresPerAccount: 3, lockMs: 60_000, maxFailuresPerAddress: 100 }

async function outcome(promise: Promise<void>): Promise<number> {
  try {
    await promise
    return 200
  } catch (error) {
    if (error instanceof RequestError) return error.status
    throw error
  }
}

describe('the account lockout', () => {
  test('parallel wrong guesses get no more checks than the allowance: the attempt is counted before the password is', async () => {
    const lockout = new AccountLockout(new MemoryAttemptCounters(), SETTINGS)
    let checked = 0
    const verify = async () => {
      checked++
      await new Promise((resolve) => setImmediate(resolve))
      return false
    }
    const statuses = await Promise.all(Array.from({ length: 20 }, () => outcome(lockout.check({ kind: 'account', userId: 'u1' }, 'a', verify))))
    expect(checked).toBe(3)
    expect(statuses.filter((status) => status === 401)).toHaveLength(3)
    expect(statuses.filter((status) => status === 429)).toHaveLength(17)
  })

  test('the lock ends when its time is up, and a success forgives earlier failures', async () => {
    let now = 1_000_000
    const lockout = new AccountLockout(new MemoryAttemptCounters(() => now), SETTINGS, () => now)
    const account = { kind: 'account' as const, userId: 'u2' }
    for (let i = 0; i < 2; i++) expect(await outcome(lockout.check(account, 'a', async () => false))).toBe(401)
    expect(await outcome(lockout.check(account, 'a', async () => true))).toBe(200)
    for (let i = 0; i < 3; i++) expect(await outcome(lockout.check(account, 'a', async () => false))).toBe(401)
    expect(await outcome(lockout.check(account, 'a', async () => true))).toBe(429)
    expect([...(await lockout.lockedUntil(['u2', 'u3'])).keys()]).toEqual(['u2'])
    now += SETTINGS.lockMs
    expect(await outcome(lockout.check(account, 'a', async () => true))).toBe(200)
  })

  test('a flood of made-up names cannot grow the in-memory counters without bound: the oldest are forgotten first', async () => {
    const counters = new MemoryAttemptCounters()
    for (let i = 0; i < 200_100; i++) await counters.increment(`fail:name:flood${i}`, 60_000)
    const kept = await counters.read(['fail:name:flood0', 'fail:name:flood99', 'fail:name:flood100', 'fail:name:flood200099'])
    expect([...kept.keys()]).toEqual(['fail:name:flood100', 'fail:name:flood200099'])
  })
})
