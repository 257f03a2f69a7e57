/**
 * Slows down password guessing: after MAX_FAILURES failed logins for one user name or from one
 * address within the window, further attempts are refused until the window has passed. Kept in
 * memory: a restart forgives, which is acceptable for a rate limit (each process counts its own).
 */
export const MAX_LOGIN_FAILURES = 5
export const LOGIN_LOCK_MS = 15 * 60 * 1000

interface FailureWindow {
  count: number
  firstAt: number
}

export class LoginThrottle {
  private readonly failures = new Map<string, FailureWindow>()

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until another attempt is allowed for these keys, or 0 when allowed now. */
  retryAfterMs(keys: readonly string[]): number {
    let wait = 0
    for (const key of keys) {
      const window = this.current(key)
      if (window && window.count >= MAX_LOGIN_FAILURES) wait = Math.max(wait, window.firstAt + LOGIN_LOCK_MS - this.now())
    }
    return wait
  }

  recordFailure(keys: readonly string[]): void {
    for (const key of keys) {
      const window = this.current(key) ?? { count: 0, firstAt: this.now() }
      window.count += 1
      this.failures.set(key, window)
    }
    if (this.failures.size > 10_000) this.prune()
  }

  recordSuccess(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key)
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
