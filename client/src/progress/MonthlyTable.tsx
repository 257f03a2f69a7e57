import { memo } from 'react'
import { STAGE_LABEL } from '@guatu/shared/domain/stage'
import type { MonthTallies } from '@guatu/shared/progress/stageCounts'
import { PROGRESS_STAGES } from '@guatu/shared/progress/stageEntry'

/** 每月签约、开工、投产项目数 this year (entries after the as-of day are not counted). */
export const MonthlyTable = memo(function MonthlyTable({ months }: { months: readonly MonthTallies[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table monthly-table" data-testid="monthly-table">
        <thead>
          <tr>
            <th scope="col">月份</th>
            {months.map((month) => (
              <th key={month.month} scope="col">
                {month.month}月
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PROGRESS_STAGES.map((stage) => (
            <tr key={stage}>
              <th scope="row">{STAGE_LABEL[stage]}</th>
              {months.map((month) => (
                <td key={month.month}>{month.entries[stage].count}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
})
