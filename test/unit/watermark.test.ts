import { describe, expect, it } from 'vitest'
import { RemotePlacement, Watermark } from '@guatu/server/sync/watermark'
import { CatchUpLoop } from '@guatu/server/sync/catchUpLoop'
import { waitFor } from '../helpers/wait.ts'

describe('the storage watermark of a board room', () => {
  it('applies another process batch that follows it, ignores an older one, and calls a jump a gap', () => {
    const mark = new Watermark()
    mark.loaded(10)
    expect(mark.place({ previousSeq: 10, lastSeq: 12 })).toBe(RemotePlacement.next)
    mark.appliedRemote({ previousSeq: 10, lastSeq: 12 })
    expect(mark.applied).toBe(12)
    expect(mark.place({ previousSeq: 9, lastSeq: 12 })).toBe(RemotePlacement.stale)
    expect(mark.place({ previousSeq: 14, lastSeq: 15 })).toBe(RemotePlacement.gap)
    expect(mark.applied).toBe(12)
  })

  it('advances past its own durable batch only when nothing stored lies between', () => {
    const mark = new Watermark()
    mark.loaded(5)
    expect(mark.persisted({ previousSeq: 5, lastSeq: 7 })).toBe(true)
    expect(mark.applied).toBe(7)
    // Another process stored 8 and 9: this batch landed after them, and they are not here yet.
    expect(mark.persisted({ previousSeq: 9, lastSeq: 10 })).toBe(false)
    expect(mark.applied).toBe(7)
    mark.caughtUpTo(10)
    expect(mark.applied).toBe(10)
    // A read that returns less than the room already has never moves it back.
    mark.caughtUpTo(8)
    expect(mark.applied).toBe(10)
  })
})

describe('catch-up reads of a board room', () => {
  it('runs one read at a time, and requests during a read share one more read after it', async () => {
    const releases: Array<() => void> = []
    const reasons: string[] = []
    const loop = new CatchUpLoop((reason) => {
      reasons.push(reason)
      return new Promise<void>((resolve) => releases.push(resolve))
    })
    const first = loop.request('gap')
    const second = loop.request('missing-history')
    const third = loop.request('gap')
    expect(second).toBe(third)
    expect(reasons).toEqual(['gap'])
    releases[0]!()
    await first
    // The queued read starts once the first ends, so its callers see what was stored before they asked.
    await waitFor(() => reasons.length === 2, { message: 'the queued catch-up read started' })
    expect(reasons).toEqual(['gap', 'missing-history'])
    releases[1]!()
    await second
    expect(releases).toHaveLength(2)
    const fourth = loop.request('gap')
    expect(reasons).toHaveLength(3)
    releases[2]!()
    await fourth
  })
})
