import { useRef } from 'react'
import { dequal } from 'dequal'

/**
 * `value`, or the earlier value it deeply equals: the wall recomputes every figure on each batch
 * of moves, and a tile whose figures did not change keeps its props, so it neither re-renders nor
 * redraws its chart. The same object is answered without looking inside (most of the wall's
 * renders are for the clock or the feed, with the figures unchanged), and the deep comparison
 * stops at the first difference: no JSON of hundreds of warnings on every render. `equal` says
 * what counts as the same where deep equality is not the point (the map's places).
 */
export function useSameWhileEqual<T>(value: T, equal: (earlier: T, now: T) => boolean = dequal): T {
  const kept = useRef<{ input: T; output: T } | undefined>(undefined)
  const last = kept.current
  if (last && (last.input === value || equal(last.output, value))) {
    last.input = value
    return last.output
  }
  kept.current = { input: value, output: value }
  return value
}
