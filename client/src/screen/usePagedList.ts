import { useEffect, useState } from 'react'

export interface Paged<T> {
  readonly items: readonly T[]
  /** 0-based. */
  readonly page: number
  readonly pageCount: number
}

/**
 * A list longer than its tile turns pages by itself every `intervalMs` — the wall has no
 * scrollbar and nobody to scroll. A list that shrinks keeps a valid page.
 */
export function usePagedList<T>(list: readonly T[], pageSize: number, intervalMs: number): Paged<T> {
  const pageCount = Math.max(1, Math.ceil(list.length / pageSize))
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (pageCount <= 1) return
    const timer = setInterval(() => setTick((n) => n + 1), intervalMs)
    return () => clearInterval(timer)
  }, [pageCount, intervalMs])
  const page = tick % pageCount
  return { items: list.slice(page * pageSize, (page + 1) * pageSize), page, pageCount }
}
