import { useEffect, useRef, useState } from 'react'

/**
 * `value`, passed on at most once per `intervalMs`: at once when it has been quiet that long (a
 * single move in a meeting shows without delay), otherwise the latest value at the end of the
 * interval (a burst of moves costs one recomputation per interval, not one per frame).
 */
export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [passed, setPassed] = useState(value)
  const passedAt = useRef(Number.NEGATIVE_INFINITY)
  useEffect(() => {
    if (Object.is(value, passed)) return
    const wait = passedAt.current + intervalMs - performance.now()
    const pass = () => {
      passedAt.current = performance.now()
      setPassed(() => value)
    }
    if (wait <= 0) return pass()
    const timer = setTimeout(pass, wait)
    return () => clearTimeout(timer)
  }, [value, passed, intervalMs])
  return passed
}
