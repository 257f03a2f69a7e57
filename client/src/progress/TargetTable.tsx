import { memo } from 'react'
import type { TargetProgress } from '@guatu/shared/progress/boardProgress'
import { formatPercent } from '@guatu/shared/progress/fraction'
import { formatMeasure, formatRate } from './figures.ts'
import { GapCell } from './GapCell.tsx'

/** Every target of the year: 完成, 目标, 完成率, 序时进度 and the gap in 百分点. */
export const TargetTable = memo(function TargetTable({ targets }: { targets: readonly TargetProgress[] }) {
  if (targets.length === 0) return <p className="column-empty">尚未设置年度目标。项目办可在「设置」中填写。</p>
  return (
    <table className="data-table progress-table" data-testid="target-table">
      <thead>
        <tr>
          <th scope="col">目标</th>
          <th scope="col">完成</th>
          <th scope="col">年度目标</th>
          <th scope="col">完成率</th>
          <th scope="col">序时进度</th>
          <th scope="col">对比序时进度</th>
        </tr>
      </thead>
      <tbody>
        {targets.map((target) => (
          <tr key={target.key} data-testid="target-row" data-key={target.key} data-done={target.completion.done}>
            <th scope="row">{target.label}</th>
            <td>{formatMeasure(target.completion.done, target.measure)}</td>
            <td>{target.completion.target === null ? '—' : formatMeasure(target.completion.target, target.measure)}</td>
            <td className="figure-strong">{formatRate(target.completion.rate)}</td>
            <td>{formatPercent(target.completion.timeProgress.percentTenths)}</td>
            <GapCell completion={target.completion} />
          </tr>
        ))}
      </tbody>
    </table>
  )
})
