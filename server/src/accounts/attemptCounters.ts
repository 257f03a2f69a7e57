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

/** Expired entries are first swept once the map holds this many. */
const PRUNE_ABOVE_ENTRIES = 10_000
/**
 * The most entries kept: a flood of made-up names must not exhaust memory. Past it the oldest go
 * first — forgetting a count is the lesser harm, and it takes this many failures within the window.
 */
const MAX_ENTRIES = 200_000

export class MemoryAttemptCounters implements AttemptCounters {
  private readonly entries = new Map<string, Entry>()
  /** Expired entries are swept when the map grows past this (then twice its size): amortized O(1). */
  private sweepAbove = PRUNE_ABOVE_ENTRIES

  constructor(private readonly now: () => number = Date.now) {}

  async increment(key: string, ttlMs: number): Promise<number> {
    const entry = this.live(key) ?? { value: 0, expiresAt: this.now() + ttlMs }
    entry.value += 1
    this.entries.set(key, entry)
    this.bound()
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
    this.bound()
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

  private bound(): void {
    if (this.entries.size > this.sweepAbove) {
      for (const key of [...this.entries.keys()]) this.live(key)
      this.sweepAbove = Math.max(PRUNE_ABOVE_ENTRIES, this.entries.size * 2)
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size <= MAX_ENTRIES) break
      this.entries.delete(key)
    }
  }
}
