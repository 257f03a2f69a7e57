/**
 * Counters and markers that expire, for login throttling. One process keeps them in memory
 * (MemoryAttemptCounters); several processes share them in Redis (RedisAttemptCounters), so a
 * guesser gets the same allowance however the load balancer spreads the attempts.
 */
export interface AttemptCounters {
  /** Adds one; the first increment starts the key's lifetime (a fixed window). Returns the new count. */
  increment(key: string, ttlMs: number): Promise<number>
  /** The values of the keys that have not expired, by key. */
  read(keys: readonly string[]): Promise<Map<string, number>>
  set(key: string, value: number, ttlMs: number): Promise<void>
  delete(keys: readonly string[]): Promise<void>
  close(): Promise<void>
}

interface Entry {
  value: number
  expiresAt: number
}

/** Prune expired entries once the map holds this many: a flood of names cannot grow it forever. */
const PRUNE_ABOVE_ENTRIES = 10_000

export class MemoryAttemptCounters implements AttemptCounters {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly now: () => number = Date.now) {}

  async increment(key: string, ttlMs: number): Promise<number> {
    const entry = this.live(key) ?? { value: 0, expiresAt: this.now() + ttlMs }
    entry.value += 1
    this.entries.set(key, entry)
    if (this.entries.size > PRUNE_ABOVE_ENTRIES) this.prune()
    return entry.value
  }

  async read(keys: readonly string[]): Promise<Map<string, number>> {
    const values = new Map<string, number>()
    for (const key of keys) {
      const entry = this.live(key)
      if (entry) values.set(key, entry.value)
    }
    return values
  }

  async set(key: string, value: number, ttlMs: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs })
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key)
  }

  async close(): Promise<void> {}

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key)
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key)
      return undefined
    }
    return entry
  }

  private prune(): void {
    for (const key of [...this.entries.keys()]) this.live(key)
  }
}
