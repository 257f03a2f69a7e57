import { memo } from 'react'
import type { RankingRow } from '@guatu/shared/progress/ranking'

/** ↑2 in green, ↓1 in red, — unchanged, 新上榜 for a group absent last week: arrows and words, not colour alone. */
export const RankChange = memo(function RankChange({ row }: { row: Pick<RankingRow, 'rankChange' | 'previousRank'> }) {
  const change = row.rankChange
  if (change === null)
    return (
      <span className="rank-change rank-new" data-change="new">
        新上榜
      </span>
    )
  if (change === 0)
    return (
      <span className="rank-change rank-same" data-change="0" aria-label="名次不变">
        —
      </span>
    )
  const up = change > 0
  return (
    <span className={`rank-change ${up ? 'rank-up' : 'rank-down'}`} data-change={change} aria-label={`${up ? '上升' : '下降'}${Math.abs(change)}名`}>
      {up ? '↑' : '↓'}
      {Math.abs(change)}
    </span>
  )
})
