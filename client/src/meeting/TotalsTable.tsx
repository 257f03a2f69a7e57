import { memo } from 'react'
import type { BoardTotals } from '@guatu/shared/domain/meeting'
import { formatYi } from '@guatu/shared/domain/money'
import { STAGE_LABEL, STAGES } from '@guatu/shared/domain/stage'

const stageOf = (totals: BoardTotals, stage: string) => totals.byStage[stage] ?? { count: 0, investmentCents: 0 }

/** 会前 / 会后: count and 总投资 (亿元, exact to the cent of 万元 as formatYi rounds) per stage and in all. */
export const TotalsTable = memo(function TotalsTable({ before, after }: { before: BoardTotals; after: BoardTotals }) {
  return (
    <table className="minutes-totals" data-testid="minutes-totals">
      <thead>
        <tr>
          <th scope="col">阶段</th>
          <th scope="col">会前 个数</th>
          <th scope="col">会前 总投资（亿元）</th>
          <th scope="col">会后 个数</th>
          <th scope="col">会后 总投资（亿元）</th>
        </tr>
      </thead>
      <tbody>
        {STAGES.map((stage) => {
          const b = stageOf(before, stage)
          const a = stageOf(after, stage)
          return (
            <tr key={stage} data-testid={`minutes-totals-${stage}`}>
              <th scope="row">{STAGE_LABEL[stage]}</th>
              <td>{b.count}</td>
              <td>{formatYi(b.investmentCents)}</td>
              <td>{a.count}</td>
              <td>{formatYi(a.investmentCents)}</td>
            </tr>
          )
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">合计</th>
          <td>{before.projectCount}</td>
          <td>{formatYi(before.totalInvestmentCents)}</td>
          <td>{after.projectCount}</td>
          <td>{formatYi(after.totalInvestmentCents)}</td>
        </tr>
      </tfoot>
    </table>
  )
})
