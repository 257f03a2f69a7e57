import { memo } from 'react'
import type { BoardTotals } from '@guatu/shared/domain/meeting'
import { totalsRows } from '@guatu/shared/domain/minutesText'

/**
 * 会前 / 会后 / 变化: count, 总投资 and 已完成投资, each stage, each year target and the projects under
 * each light — the rows the Word file prints (totalsRows).
 */
export const TotalsTable = memo(function TotalsTable({ before, after }: { before: BoardTotals; after: BoardTotals }) {
  return (
    <table className="minutes-totals" data-testid="minutes-totals">
      <thead>
        <tr>
          <th scope="col">项目</th>
          <th scope="col">会前</th>
          <th scope="col">会后</th>
          <th scope="col">变化</th>
        </tr>
      </thead>
      <tbody>
        {totalsRows(before, after).map((row) => (
          <tr key={row.key} data-testid={`minutes-totals-${row.key}`}>
            <th scope="row">{row.label}</th>
            <td>{row.before}</td>
            <td>{row.after}</td>
            <td>{row.change}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
})
