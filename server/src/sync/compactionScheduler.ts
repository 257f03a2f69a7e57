export interface CompactionOptions {
  /** Compact the update log into a snapshot once this many updates follow the last snapshot. */
  compactAfterUpdates: number
  /** Wait this long after the last write before compacting, so compaction stays off busy moments. */
  compactWhenQuietForMs: number
}

/** What the scheduler needs of a room to compact it. */
export interface Compactable {
  /** False while accepted changes are still on their way to storage: a snapshot now would run ahead of it. */
  isSettled(): boolean
  /** Writes a snapshot of the document, which equals what storage holds, and drops the log it replaces. */
  writeSnapshot(): Promise<void>
}

/**
 * When a room's update log is folded into a snapshot: once enough updates follow the last one, after
 * a quiet moment (at once when far overdue), never while writes are in flight, one at a time, and a
 * last time when the room closes.
 */
export class CompactionScheduler {
  private sinceSnapshot = 0
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private stopped = false

  constructor(
    private readonly options: CompactionOptions,
    private readonly target: Compactable,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Updates in the log after the last snapshot. */
  get updatesSinceSnapshot(): number {
    return this.sinceSnapshot
  }

  /** The log after the last snapshot holds exactly `count` updates (read from storage). */
  reset(count: number): void {
    this.sinceSnapshot = count
  }

  /** `count` more updates were appended to the log. */
  added(count: number): void {
    this.sinceSnapshot += count
  }

  scheduleIfDue(): void {
    if (this.sinceSnapshot >= this.options.compactAfterUpdates) this.schedule()
  }

  /** Compacts after the next quiet moment however few updates there are (a moment worth keeping). */
  scheduleSoon(): void {
    this.schedule()
  }

  /** No more timers; a compaction under way is awaited by `finish`. */
  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
  }

  /** The last compaction, when the room closes: whatever the log holds since the last snapshot. */
  async finish(): Promise<void> {
    await this.running
    if (this.sinceSnapshot > 0) await this.compact()
  }

  private schedule(): void {
    if (this.stopped) return
    clearTimeout(this.timer)
    const overdue = this.sinceSnapshot >= this.options.compactAfterUpdates * 10
    this.timer = setTimeout(() => void this.compact(), overdue ? 0 : this.options.compactWhenQuietForMs)
    this.timer.unref()
  }

  private compact(): Promise<void> {
    if (this.running) return this.running
    if (!this.target.isSettled()) {
      this.schedule()
      return Promise.resolve()
    }
    // Updates appended while the snapshot is written stay counted for the next one.
    const compacted = this.sinceSnapshot
    this.running = this.target
      .writeSnapshot()
      .then(() => {
        this.sinceSnapshot = Math.max(0, this.sinceSnapshot - compacted)
      })
      .catch(this.onError)
      .finally(() => {
        this.running = undefined
      })
    return this.running
  }
}
