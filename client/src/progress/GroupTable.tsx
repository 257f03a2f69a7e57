import { memo } from 'react'
import { formatYi } from '@guatu/shared/domain/money'
import type { GroupProgress } from '@guatu/shared/progress/boardProgress'
import { LightCounts } from '../lights/LightCounts.tsx'
import { formatRate } from './figures.ts'
import { GapCell } from './GapCell.tsx'

/** Per 责任单位 or per 包抓领导: this year's stage entries, investment against plan, the rates, the lights. */
export const GroupTable = memo(function GroupTable({
  title,
  rows,
  board,
  testId,
}: {
  title: string
  rows: readonly GroupProgress[]
  board: GroupProgress
  testId: string
}) {
  return (
    <div className="table-scroll">
      <table className="data-table progress-table group-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col">项目数</th>
            <th scope="col">签约</th>
            <th scope="col">开工</th>
            <th scope="col">投产</th>
            <th scope="col">完成投资 / 年度计划（亿元）</th>
            <th scope="col">投资完成率</th>
            <th scope="col">对比序时进度</th>
            <th scope="col">开工率</th>
            <th scope="col">投产率</th>
            <th scope="col">入库率</th>
            <th scope="col">问题办结率</th>
            <th scope="col">预警</th>
          </tr>
        </thead>
        <tbody>
          {[...rows, board].map((row, index) => (
            <tr
              key={index === rows.length ? '__board' : row.name}
              className={index === rows.length ? 'total-row' : undefined}
              data-testid="group-row"
              data-name={row.name}
            >
              <th scope="row">{index === rows.length ? '合计' : row.name}</th>
              <td>{row.projectCount}</td>
              <td>{row.entries.signed.count}</td>
              <td>{row.entries.started.count}</td>
              <td>{row.entries.producing.count}</td>
              <td>
                {formatYi(row.investment.done)} / {row.investment.target === null ? '—' : formatYi(row.investment.target)}
              </td>
              <td className="figure-strong">{formatRate(row.investment.rate)}</td>
              <GapCell completion={row.investment} />
              <td>{formatRate(row.rates.started)}</td>
              <td>{formatRate(row.rates.producing)}</td>
              <td>{formatRate(row.rates.registration)}</td>
              <td>{formatRate(row.rates.problemSolve)}</td>
              <td>
                <LightCounts counts={row.lights} compact />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
})
