import { memo } from 'react'
import { formatTenths } from '@guatu/shared/progress/fraction'
import type { RankingRow } from '@guatu/shared/progress/ranking'
import { formatRate } from '../progress/figures.ts'
import { GapCell } from '../progress/GapCell.tsx'
import { RankChange } from './RankChange.tsx'

/** The full ranking: rank and its change, score and what it is made of. */
export const RankingTable = memo(function RankingTable({ rows, groupLabel }: { rows: readonly RankingRow[]; groupLabel: string }) {
  if (rows.length === 0) return <p className="column-empty">本周没有可排名的{groupLabel}。</p>
  // 填报及时率 and 退回次数 exist for 责任单位 on a board with the reporting cycle.
  const reporting = rows.some((row) => row.reporting !== null)
  return (
    <div className="table-scroll">
      <table className="data-table ranking-table" data-testid="ranking-table">
        <thead>
          <tr>
            <th scope="col">名次</th>
            <th scope="col">变化</th>
            <th scope="col">{groupLabel}</th>
            <th scope="col">得分</th>
            <th scope="col">项目数</th>
            <th scope="col">阶段推进</th>
            <th scope="col">按期 / 逾期</th>
            <th scope="col">黄灯 / 红灯</th>
            <th scope="col">问题办结</th>
            <th scope="col">投资完成率</th>
            <th scope="col">对比序时进度</th>
            {reporting && <th scope="col">填报及时率</th>}
            {reporting && <th scope="col">退回次数</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} data-testid="ranking-row" data-name={row.name} data-rank={row.rank}>
              <td className="figure-strong">{row.rank}</td>
              <td>
                <RankChange row={row} />
              </td>
              <th scope="row">{row.name}</th>
              <td className="figure-strong">{formatTenths(row.scoreTenths)}</td>
              <td>{row.projectCount}</td>
              <td>{row.advances}</td>
              <td>
                {row.onSchedule} / <span className={row.overdue > 0 ? 'overdue-text' : undefined}>{row.overdue}</span>
              </td>
              <td>
                {row.openYellow} / <span className={row.openRed > 0 ? 'overdue-text' : undefined}>{row.openRed}</span>
              </td>
              <td>{row.problemsSolved}</td>
              <td>{formatRate(row.investment.rate)}</td>
              <GapCell completion={row.investment} />
              {reporting && <td>{row.reporting ? onTimeText(row.reporting.onTime, row.reporting.due) : '—'}</td>}
              {reporting && <td className={row.reporting && row.reporting.returns > 0 ? 'overdue-text' : undefined}>{row.reporting?.returns ?? '—'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
})

/** 填报及时率 as the office reads it: "75%（3/4期）", or 暂无到期 before the first deadline. */
function onTimeText(onTime: number, due: number): string {
  return due === 0 ? '暂无到期' : `${Math.round((onTime / due) * 100)}%（${onTime}/${due}期）`
}
