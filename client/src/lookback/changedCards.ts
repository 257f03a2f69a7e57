import { createContext } from 'react'
import type { BoardComparison } from '@guatu/shared/api/lookback'

/**
 * The board's toggle 标出变化: the projects that changed since the end of the last meeting, each
 * with what changed in words (read out and shown on the card). Null while the toggle is off.
 */
export const ChangedCardsContext = createContext<ReadonlyMap<string, string> | null>(null)

export function changedCards(comparison: BoardComparison): Map<string, string> {
  const changed = new Map<string, string>()
  for (const unit of comparison.units) {
    for (const change of unit.changes) changed.set(change.projectId, [changed.get(change.projectId), change.summary].filter(Boolean).join('；'))
  }
  return changed
}
