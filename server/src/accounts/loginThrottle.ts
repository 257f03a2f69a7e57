/**
 * Slows down password guessing: after too many failed logins for one key (a user name, an address)
 * within the window, further attempts for it are refused until the window has passed. Each key
 * has its own allowance: a whole office behind one NAT address must not be locked out by one
 * person's typos, so an address may fail far more often than a user name. Kept in memory: a
 * restart forgives, which is acceptable for a rate limit (each process counts its own).
 */
export const LOGIN_LOCK_MS = 15 * 60 * 1000

export interface ThrottleKey {
  key: string
  maxFailures: number
}

interface FailureWindow {
  count: number
  firstAt: number
}

export class LoginThrottle {
  private readonly failures = new Map<string, FailureWindow>()

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until another attempt is allowed for these keys, or 0 when allowed now. */
  retryAfterMs(keys: readonly ThrottleKey[]): number {
    let wait = 0
    for (const { key, maxFailures } of keys) {
      const window = this.current(key)
      if (window && window.count >= maxFailures) wait = Math.max(wait, window.firstAt + LOGIN_LOCK_MS - this.now())
    }
    return wait
  }

  recordFailure(keys: readonly ThrottleKey[]): void {
    for (const { key } of keys) {
      const window = this.current(key) ?? { count: 0, firstAt: this.now() }
      window.count += 1
      this.failures.set(key, window)
    }
    if (this.failures.size > 10_000) this.prune()
  }

  /** A successful login clears the user name's count, not the address's: others there may be guessing. */
  recordSuccess(keys: readonly ThrottleKey[]): void {
    for (const { key } of keys) if (key.startsWith('user:')) this.failures.delete(key)
  }

  private current(key: string): FailureWindow | undefined {
    const window = this.failures.get(key)
    if (window && this.now() - window.firstAt >= LOGIN_LOCK_MS) {
      this.failures.delete(key)
      return undefined
    }
    return window
  }

  private prune(): void {
    for (const key of [...this.failures.keys()]) this.current(key)
  }
}
