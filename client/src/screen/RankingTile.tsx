import { memo } from 'react'
import type { ReportingPeriod } from '@guatu/shared/domain/reportingPeriod'
import type { RankingRow, WeeklyRanking } from '@guatu/shared/progress/ranking'
import { fitText } from './fitText.ts'
import { ScreenTile } from './ScreenTile.tsx'
import { useFlash } from './useFlash.ts'

const UNIT_MAX_EM = 6.5
/** Names that fit under the lists at 1080p; the rest are counted. */
const NOT_REPORTED_SHOWN = 6

function dayLabel(date: string): string {
  const [, month, day] = date.split('-').map(Number)
  return `${month}月${day}日`
}

/** ↑2 moved up two places, ↓1 down one, — unchanged, 新 absent last week. */
function RankChange({ change }: { change: number | null }) {
  if (change === null) return <span className="sw-rank-change sw-rank-new">新</span>
  if (change > 0) return <span className="sw-rank-change sw-rank-up">↑{change}</span>
  if (change < 0) return <span className="sw-rank-change sw-rank-down">↓{-change}</span>
  return <span className="sw-rank-change sw-rank-same">—</span>
}

const RankRow = memo(function RankRow({ row }: { row: RankingRow }) {
  const flashing = useFlash(`${row.rank}:${row.scoreTenths}`)
  return (
    <li className={`sw-rank-row ${flashing ? 'sw-flash' : ''}`} data-testid="screen-rank-row">
      <span className="sw-rank-badge">{row.rank}</span>
      <span className="sw-rank-name">{fitText(row.name, UNIT_MAX_EM)}</span>
      <RankChange change={row.rankChange} />
    </li>
  )
})

function RankList({ title, kind, rows }: { title: string; kind: 'red' | 'black'; rows: readonly RankingRow[] }) {
  return (
    <div className={`sw-rank-list sw-rank-${kind}`}>
      <h3 className="sw-rank-title">{title}</h3>
      <ol className="sw-rank-rows">
        {rows.map((row) => (
          <RankRow key={row.name} row={row} />
        ))}
      </ol>
    </div>
  )
}

/**
 * 一周一晾晒: the top three 责任单位 (红榜) and the bottom three (黑榜), with the change in rank; with
 * the reporting cycle, the units that have not reported this period under it.
 */
export const RankingTile = memo(function RankingTile({
  ranking,
  notReported,
}: {
  ranking: WeeklyRanking
  notReported?: { period: ReportingPeriod; units: readonly string[] }
}) {
  return (
    <ScreenTile
      title="责任单位红黑榜"
      className="sw-tile-ranking"
      aside={
        <span className="sw-tile-note">
          本周 {dayLabel(ranking.week.from)}—{dayLabel(ranking.week.to)}
        </span>
      }
    >
      {ranking.rows.length === 0 ? (
        <p className="sw-tile-empty">暂无可排名的责任单位</p>
      ) : (
        <div className="sw-ranking">
          <RankList title="红榜" kind="red" rows={ranking.redList} />
          <RankList title="黑榜" kind="black" rows={ranking.blackList} />
        </div>
      )}
      {notReported && (
        <p className="sw-not-reported" data-testid="screen-not-reported">
          <span className="sw-not-reported-label">
            {notReported.period.label}未报（{dayLabel(notReported.period.deadline)}截止）
          </span>
          {notReported.units.length === 0
            ? '全部已报'
            : notReported.units.length > NOT_REPORTED_SHOWN
              ? `${notReported.units.slice(0, NOT_REPORTED_SHOWN).join('、')} 等${notReported.units.length}个单位`
              : notReported.units.join('、')}
        </p>
      )}
    </ScreenTile>
  )
})
