import type { CatchUpReason } from './syncMetrics.ts'

/**
 * Runs a room's catch-up reads one at a time. A request during a read runs once more after it
 * (however many arrive meanwhile), so a caller that awaits `request` sees everything stored before
 * it called, and a burst of gaps costs two reads, not one per gap.
 */
export class CatchUpLoop {
  private running: Promise<void> | undefined
  private queued: Promise<void> | undefined

  constructor(private readonly read: (reason: CatchUpReason) => Promise<void>) {}

  request(reason: CatchUpReason): Promise<void> {
    if (!this.running) {
      this.running = this.read(reason).finally(() => (this.running = undefined))
      return this.running
    }
    this.queued ??= this.running.then(() => {
      this.queued = undefined
      return this.request(reason)
    })
    return this.queued
  }
}
