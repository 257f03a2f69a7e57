import { Redis } from 'ioredis'
import { MemoryAttemptCounters, type AttemptCounters } from '../accounts/attemptCounters.ts'
import type { Logger } from '../log.ts'

const KEY_PREFIX = 'guatu:login:'

/** INCR and, on the first increment only, the expiry: one atomic step, so parallel attempts all count. */
const INCREMENT_SCRIPT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`

/**
 * Login counters shared by every process through Redis. While Redis is unreachable each process
 * falls back to counting in its own memory: throttling weakens to per process for that time
 * instead of refusing every login (the office must still be able to sign in during an outage).
 */
export class RedisAttemptCounters implements AttemptCounters {
  private readonly redis: Redis
  private readonly fallback = new MemoryAttemptCounters()
  private warned = false

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    this.redis = new Redis(url, {
      connectionName: 'guatu-login-counters',
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt: number) => Math.min(50 * attempt, 1_000),
    })
    this.redis.on('error', () => undefined)
    this.redis.on('ready', () => (this.warned = false))
  }

  /** Whether the counters are shared right now (readiness), rather than kept per process. */
  isReady(): boolean {
    return this.redis.status === 'ready'
  }

  increment(key: string, ttlMs: number): Promise<number> {
    return this.withFallback(
      async () => Number(await this.redis.eval(INCREMENT_SCRIPT, 1, KEY_PREFIX + key, String(ttlMs))),
      () => this.fallback.increment(key, ttlMs),
    )
  }

  read(keys: readonly string[]): Promise<Map<string, number>> {
    if (keys.length === 0) return Promise.resolve(new Map())
    return this.withFallback(
      async () => {
        const values = await this.redis.mget(keys.map((key) => KEY_PREFIX + key))
        const found = new Map<string, number>()
        keys.forEach((key, i) => {
          const value = values[i]
          if (value !== null && value !== undefined) found.set(key, Number(value))
        })
        return found
      },
      () => this.fallback.read(keys),
    )
  }

  set(key: string, value: number, ttlMs: number): Promise<void> {
    return this.withFallback(
      async () => void (await this.redis.set(KEY_PREFIX + key, String(value), 'PX', ttlMs)),
      () => this.fallback.set(key, value, ttlMs),
    )
  }

  delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return Promise.resolve()
    // The fallback is cleared too: an unlock must also undo what was counted during an outage.
    return this.withFallback(
      async () => {
        await this.fallback.delete(keys)
        await this.redis.del(...keys.map((key) => KEY_PREFIX + key))
      },
      () => this.fallback.delete(keys),
    )
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect())
  }

  private async withFallback<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (this.redis.status === 'ready') {
      try {
        return await shared()
      } catch (error) {
        this.warnOnce(error)
      }
    } else {
      this.warnOnce(new Error(`redis ${this.redis.status}`))
    }
    return local()
  }

  private warnOnce(error: unknown): void {
    if (this.warned) return
    this.warned = true
    this.log.warn('login counters fall back to this process', { error: String(error) })
  }
}
