/** Per-connection limits, from configuration. */
export interface ConnectionLimits {
  /** Sustained messages per second a connection may send. */
  messagesPerSecond: number
  /** Messages a connection may send at once above the sustained rate (a reconnect's catch-up). */
  messageBurst: number
}

/** A token bucket: `burst` messages at once, refilled at `perSecond`. */
export class MessageRateLimit {
  private tokens: number
  private refilledAt: number

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst
    this.refilledAt = now()
  }

  allow(): boolean {
    const now = this.now()
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond)
    this.refilledAt = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}
