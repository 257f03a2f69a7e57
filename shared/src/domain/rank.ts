import { generateKeyBetween } from 'fractional-indexing'

/**
 * Order inside a column is a fractional-index key. Two clients inserting at the same spot at the
 * same time can produce equal keys, so every sort breaks ties by project id: all clients agree.
 */
export function compareRank(a: { rank: string; id: string }, b: { rank: string; id: string }): number {
  if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

export function isRankKey(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 128) return false
  try {
    generateKeyBetween(value, null)
    return true
  } catch {
    return false
  }
}

/**
 * A key for a card placed at `index` of a column whose other cards have the ranks `sortedRanks`
 * (already ordered with compareRank). Equal keys (a tie from a concurrent insert) leave no room
 * between them, so a card dropped inside a tied run lands just after it.
 */
export function rankAt(sortedRanks: readonly string[], index: number): string {
  // Unreadable keys (an older version, a hostile client) sort last and are stepped over here:
  // fractional-indexing cannot place a key next to one it cannot parse.
  let low: string | undefined
  for (let i = Math.min(index, sortedRanks.length) - 1; i >= 0 && low === undefined; i--) {
    const candidate = sortedRanks[i]
    if (isRankKey(candidate)) low = candidate
  }
  let high: string | undefined
  for (let i = Math.max(index, 0); i < sortedRanks.length; i++) {
    const candidate = sortedRanks[i]
    if (isRankKey(candidate) && (low === undefined || candidate > low)) {
      high = candidate
      break
    }
  }
  return generateKeyBetween(low ?? null, high ?? null)
}
