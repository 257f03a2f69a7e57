import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CompactionScheduler } from '@guatu/server/sync/compactionScheduler'

const OPTIONS = { compactAfterUpdates: 3, compactWhenQuietForMs: 1_000 }

/** A room stand-in whose snapshot writes the test completes by hand. */
function room() {
  const writes: Array<{ resolve: () => void; reject: (error: Error) => void }> = []
  const errors: unknown[] = []
  const target = {
    settled: true,
    isSettled: () => target.settled,
    writeSnapshot: () => new Promise<void>((resolve, reject) => writes.push({ resolve, reject })),
  }
  const scheduler = new CompactionScheduler(OPTIONS, target, (error) => errors.push(error))
  return { scheduler, target, writes, errors }
}

describe('compaction scheduling of a board room', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('compacts only after enough updates and a quiet moment, each new write restarting the wait', async () => {
    const { scheduler, writes } = room()
    scheduler.added(2)
    scheduler.scheduleIfDue()
    await vi.advanceTimersByTimeAsync(5_000)
    expect(writes).toHaveLength(0)

    scheduler.added(1)
    scheduler.scheduleIfDue()
    await vi.advanceTimersByTimeAsync(900)
    scheduler.added(1)
    scheduler.scheduleIfDue()
    await vi.advanceTimersByTimeAsync(900)
    expect(writes).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(100)
    expect(writes).toHaveLength(1)
    writes[0]!.resolve()
    await vi.advanceTimersByTimeAsync(0)
    expect(scheduler.updatesSinceSnapshot).toBe(0)
  })

  it('compacts at once when far overdue, without waiting for quiet', async () => {
    const { scheduler, writes } = room()
    scheduler.reset(OPTIONS.compactAfterUpdates * 10)
    scheduler.scheduleIfDue()
    await vi.advanceTimersByTimeAsync(0)
    expect(writes).toHaveLength(1)
  })

  it('waits while writes are in flight, and keeps counting updates appended during a snapshot', async () => {
    const { scheduler, target, writes } = room()
    target.settled = false
    scheduler.added(3)
    scheduler.scheduleIfDue()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(writes).toHaveLength(0)
    target.settled = true
    await vi.advanceTimersByTimeAsync(1_000)
    expect(writes).toHaveLength(1)
    scheduler.added(2)
    writes[0]!.resolve()
    await vi.advanceTimersByTimeAsync(0)
    expect(scheduler.updatesSinceSnapshot).toBe(2)
  })

  it('reports a failed snapshot and keeps the count for the next try', async () => {
    const { scheduler, writes, errors } = room()
    scheduler.added(3)
    scheduler.scheduleIfDue()
    await vi.advanceTimersByTimeAsync(1_000)
    writes[0]!.reject(new Error('disk full'))
    await vi.advanceTimersByTimeAsync(0)
    expect(errors).toHaveLength(1)
    expect(scheduler.updatesSinceSnapshot).toBe(3)
  })

  it('after stop sets no timer, and finish compacts what is left once the running snapshot ends', async () => {
    const { scheduler, writes } = room()
    scheduler.added(3)
    scheduler.scheduleIfDue()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(writes).toHaveLength(1)
    scheduler.added(1)
    scheduler.stop()
    scheduler.scheduleIfDue()
    const finished = scheduler.finish()
    writes[0]!.resolve()
    await vi.advanceTimersByTimeAsync(0)
    expect(writes).toHaveLength(2)
    writes[1]!.resolve()
    await finished
    expect(scheduler.updatesSinceSnapshot).toBe(0)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(writes).toHaveLength(2)
  })
})
