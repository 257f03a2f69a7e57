import { memo } from 'react'
import { formatTenths } from '@guatu/shared/progress/fraction'
import type { RankingRow } from '@guatu/shared/progress/ranking'
import { RankChange } from './RankChange.tsx'

/** 红榜 (the top) or 黑榜 (the bottom, worst first), shown large above the table. */
export const HonourList = memo(function HonourList({ kind, rows }: { kind: 'red' | 'black'; rows: readonly RankingRow[] }) {
  const title = kind === 'red' ? '红榜' : '黑榜'
  return (
    <section className={`honour-list honour-${kind}`} aria-label={title} data-testid={`ranking-${kind}-list`}>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p>—</p>
      ) : (
        <ol>
          {rows.map((row) => (
            <li key={row.name} data-name={row.name}>
              <span className="honour-rank">第{row.rank}名</span>
              <span className="honour-name">{row.name}</span>
              <span className="honour-score">{formatTenths(row.scoreTenths)} 分</span>
              <RankChange row={row} />
            </li>
          ))}
        </ol>
      )}
    </section>
  )
})
