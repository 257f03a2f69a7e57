export interface WaitOptions {
  /** Give up after this long; the wait then fails with `message`. */
  timeoutMs?: number
  /** What the test was waiting for, in words a reader of the failure understands. */
  message: string
  /** Appended to the failure message: the state that did not match, computed only on failure. */
  describe?: () => string
  /** How often a polled condition is re-checked. */
  intervalMs?: number
}

export const DEFAULT_WAIT_MS = 15_000

/**
 * Resolves as soon as `predicate` holds; re-checks it every `intervalMs`. This waits for a
 * condition, not for time: a fast machine passes immediately and a slow one gets up to `timeoutMs`.
 */
export async function waitFor(predicate: () => boolean | Promise<boolean>, options: WaitOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS
  const intervalMs = options.intervalMs ?? 10
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await predicate()) return
    if (Date.now() >= deadline) throw timeoutError(options, timeoutMs)
    await new Promise<void>((resolve) => setTimeout(resolve, intervalMs))
  }
}

/** Resolves with the first value `subscribe` delivers that `accept` accepts; fails after the timeout. */
export function waitForEvent<T>(subscribe: (listener: (value: T) => void) => () => void, accept: (value: T) => boolean, options: WaitOptions): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS
  return new Promise<T>((resolve, reject) => {
    const unsubscribe = subscribe((value) => {
      if (!accept(value)) return
      clearTimeout(timer)
      unsubscribe()
      resolve(value)
    })
    const timer = setTimeout(() => {
      unsubscribe()
      reject(timeoutError(options, timeoutMs))
    }, timeoutMs)
  })
}

function timeoutError(options: WaitOptions, timeoutMs: number): Error {
  const detail = options.describe ? `\n${options.describe()}` : ''
  return new Error(`Timed out after ${timeoutMs} ms waiting for: ${options.message}${detail}`)
}

/** Settles as `promise` does, or rejects with `onTimeout()` once `timeoutMs` have passed. */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, onTimeout: () => string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(onTimeout())), timeoutMs)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}

/** Lets pending socket and timer callbacks run before the next step; not a delay. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve))
}

/**
 * Now, as an ISO moment, returned once the clock has moved past it: whatever the test does next is
 * committed strictly later, so the board "at" this moment never includes it (timestamps have
 * millisecond resolution, and a change in the same millisecond would count as at the moment).
 */
export async function momentBeforeNextChange(): Promise<string> {
  const moment = new Date().toISOString()
  await waitFor(() => Date.now() > Date.parse(moment), { message: 'the clock to pass the moment' })
  return moment
}
