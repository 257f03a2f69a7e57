import { RequestError } from '../requestError.ts'
import type { AttemptCounters } from './attemptCounters.ts'

export interface LockoutSettings {
  /** Failed logins of one account, in a row within `lockMs`, that lock it (等保: 登录失败处理). */
  maxFailuresPerAccount: number
  /** How long a locked account stays locked unless the office unlocks it; also the counting window. */
  lockMs: number
  /** Failed logins from one client address within `lockMs` after which its failing attempts are slowed. */
  maxFailuresPerAddress: number
}

export const DEFAULT_LOCKOUT_SETTINGS: LockoutSettings = {
  maxFailuresPerAccount: 5,
  lockMs: 15 * 60 * 1000,
  maxFailuresPerAddress: 50,
}

/** A failing attempt from an address past its allowance is answered no sooner than this. */
export const ADDRESS_SLOWDOWN_MS = 2_000

/**
 * Who a login attempt is for: the account the typed name or id resolves to, so every way of
 * naming it shares one counter, or — for a name no account has — the name itself, so that an
 * unknown name is answered exactly like a known one (no telling which names exist).
 */
export type LoginSubject = { kind: 'account'; userId: string } | { kind: 'unknown-name'; name: string }

function subjectKey(subject: LoginSubject): string {
  return subject.kind === 'account' ? `account:${subject.userId}` : `name:${subject.name.toLowerCase()}`
}

const failKey = (subject: string) => `fail:${subject}`
const lockKey = (subject: string) => `lock:${subject}`
const addressKey = (address: string) => `addr:${address}`

function minutesOf(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000))
}

/**
 * Password guessing is bounded per ACCOUNT, never per address alone:
 *
 * - Each account (by user id, however it was named at the login form) may fail
 *   `maxFailuresPerAccount` times in a row; then it is locked for `lockMs` or until the office
 *   unlocks it. A correct password while locked is refused too — that is what a lock means.
 * - The attempt is counted BEFORE the password is checked and forgiven on success: parallel
 *   guesses cannot all slip in before the lock is written (each one reserves its place).
 * - The client address (behind the office proxy: the X-Forwarded-For hop, see clientAddress.ts)
 *   only slows things down: past `maxFailuresPerAddress` failures, a failing attempt from it is
 *   answered after ADDRESS_SLOWDOWN_MS, and one for an unknown name is not even hashed. A correct
 *   password of an unlocked account is ALWAYS checked and let in at once, so one person guessing
 *   (or a script spraying many names) behind the shared address can never lock everyone else out:
 *   the worst they can do is lock the accounts they target, which the office can unlock.
 */
export class AccountLockout {
  constructor(
    private readonly counters: AttemptCounters,
    readonly settings: LockoutSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Runs one password check under the allowances. `verify` answers whether the password is right
   * (it hashes even for an unknown name). Throws 429 for a locked account, 401 for a failure.
   */
  async check(subject: LoginSubject, address: string, verify: () => Promise<boolean>): Promise<void> {
    const { maxFailuresPerAccount, maxFailuresPerAddress, lockMs } = this.settings
    const key = subjectKey(subject)
    const startedAt = this.now()
    const known = await this.counters.read([lockKey(key), addressKey(address)])
    const lockedUntil = known.get(lockKey(key))
    if (lockedUntil !== undefined && lockedUntil > startedAt) throw this.lockedError(lockedUntil - startedAt)
    const attempt = await this.counters.increment(failKey(key), lockMs)
    if (attempt > maxFailuresPerAccount) {
      await this.counters.set(lockKey(key), startedAt + lockMs, lockMs)
      throw this.lockedError(lockMs)
    }
    const slowed = (known.get(addressKey(address)) ?? 0) >= maxFailuresPerAddress
    const valid = subject.kind === 'unknown-name' && slowed ? false : await verify()
    if (valid) {
      await this.counters.delete([failKey(key)])
      return
    }
    await this.counters.increment(addressKey(address), lockMs)
    if (attempt >= maxFailuresPerAccount) await this.counters.set(lockKey(key), startedAt + lockMs, lockMs)
    if (slowed) await delayUntil(startedAt + ADDRESS_SLOWDOWN_MS, this.now)
    throw new RequestError(401, this.failureMessage(attempt, slowed))
  }

  /** The office's unlock: the lock and the failures counted so far are forgotten. */
  async unlock(userId: string): Promise<void> {
    const key = subjectKey({ kind: 'account', userId })
    await this.counters.delete([lockKey(key), failKey(key)])
  }

  /** Until when each locked account of `userIds` is locked (epoch ms); unlocked ones are absent. */
  async lockedUntil(userIds: readonly string[]): Promise<Map<string, number>> {
    const keys = userIds.map((userId) => lockKey(subjectKey({ kind: 'account', userId })))
    const values = await this.counters.read(keys)
    const now = this.now()
    const locked = new Map<string, number>()
    userIds.forEach((userId, i) => {
      const until = values.get(keys[i]!)
      if (until !== undefined && until > now) locked.set(userId, until)
    })
    return locked
  }

  private lockedError(remainingMs: number): RequestError {
    const minutes = minutesOf(remainingMs)
    return new RequestError(429, `连续登录失败次数过多，账号已锁定，请${minutes}分钟后再试，或联系项目办解锁`, Math.ceil(remainingMs / 1000))
  }

  private failureMessage(attempt: number, slowed: boolean): string {
    const { maxFailuresPerAccount, lockMs } = this.settings
    const left = maxFailuresPerAccount - attempt
    const base =
      left > 0
        ? `用户名或密码错误，再失败${left}次账号将锁定${minutesOf(lockMs)}分钟`
        : `用户名或密码错误，账号已锁定${minutesOf(lockMs)}分钟，或联系项目办解锁`
    return slowed ? `${base}（本网络地址登录失败过多，验证已放慢）` : base
  }
}

function delayUntil(at: number, now: () => number): Promise<void> {
  const waitMs = at - now()
  return waitMs > 0 ? new Promise((resolve) => setTimeout(resolve, waitMs)) : Promise.resolve()
}
