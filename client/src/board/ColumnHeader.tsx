import { memo } from 'react'
import { formatYi } from '@guatu/shared/domain/money'
import { STAGE_LABEL, type Stage } from '@guatu/shared/domain/stage'

/** Stage name, number of projects and their exact total investment in 亿元. */
export const ColumnHeader = memo(function ColumnHeader({
  stage,
  count,
  totalCents,
}: {
  stage: Stage
  count: number
  totalCents: number
}) {
  return (
    <header className={`column-header stage-${stage}`}>
      <h2 id={`column-title-${stage}`}>{STAGE_LABEL[stage]}</h2>
      <p className="column-stats">
        <span data-testid={`column-count-${stage}`} data-value={count}>
          {count}
        </span>
        <span className="column-stats-unit"> 个项目 · </span>
        <span data-testid={`column-total-${stage}`} data-value={formatYi(totalCents)}>
          {formatYi(totalCents)}
        </span>
        <span className="column-stats-unit"> 亿元</span>
      </p>
    </header>
  )
})
