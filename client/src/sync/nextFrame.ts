/**
 * Runs `flush` once before a coming frame, however often `schedule` is called until then, and at
 * most once per `minIntervalMs`: the first change after a quiet spell is painted on the next frame;
 * a burst is painted at that pace, each paint showing everything that arrived meanwhile.
 *
 * A page that is not being painted (a background tab: no animation frames) still flushes, on a
 * timer; without a DOM (unit tests in Node) the timer alone does it.
 */
export function createFrameBatch(flush: () => void, minIntervalMs: number): { schedule: () => void; cancel: () => void } {
  let frame: number | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let lastFlushAt = Number.NEGATIVE_INFINITY
  const cancel = () => {
    if (frame !== undefined) cancelAnimationFrame(frame)
    if (timer !== undefined) clearTimeout(timer)
    frame = undefined
    timer = undefined
  }
  const run = () => {
    cancel()
    lastFlushAt = performance.now()
    flush()
  }
  const onFrame = () => {
    if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(run)
    timer = setTimeout(run, BACKGROUND_FLUSH_MS)
  }
  return {
    schedule: () => {
      if (timer !== undefined) return
      const wait = lastFlushAt + minIntervalMs - performance.now()
      if (wait <= 0) onFrame()
      else timer = setTimeout(onFrame, wait)
    },
    cancel,
  }
}

/** A background tab's browser runs timers at most about once a second anyway. */
const BACKGROUND_FLUSH_MS = 100
