import { useMemo } from 'react'

/**
 * `value`, or the earlier value it equals (as JSON): the wall recomputes every figure on each batch
 * of moves, and a tile whose figures did not change keeps its props, so it neither re-renders nor
 * redraws its chart. For the wall's small figures (tens of rows), not for whole boards.
 */
export function useSameWhileEqual<T>(value: T): T {
  const key = JSON.stringify(value)
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the value is kept for as long as its JSON stays the same
  return useMemo(() => value, [key])
}
