import { memo, useMemo } from 'react'
import { columnTotals } from '@guatu/shared/board/projectFilter'
import { formatYi } from '@guatu/shared/domain/money'
import type { Project } from '@guatu/shared/domain/project'
import { STAGE_LABEL, type Stage } from '@guatu/shared/domain/stage'
import { countLights } from '../lights/lightCache.ts'
import { LightCounts } from '../lights/LightCounts.tsx'
import { useLightsOf } from '../lights/useLightsOf.ts'

/**
 * Stage name and, for the cards shown (after the filter), their number and exact sums in 亿元:
 * 总投资, 年度计划, 已完成, and their lights (红 N · 黄 N · 蓝 N). Memoized on the array: a column the last change left alone keeps it.
 */
export const ColumnHeader = memo(function ColumnHeader({ stage, cards }: { stage: Stage; cards: readonly Project[] }) {
  const totals = useMemo(() => columnTotals(cards), [cards])
  const lightsOf = useLightsOf()
  const lights = useMemo(() => countLights(cards, lightsOf), [cards, lightsOf])
  const total = formatYi(totals.totalInvestmentCents)
  const plan = formatYi(totals.annualPlanCents)
  const completed = formatYi(totals.completedCents)
  return (
    <header className={`column-header stage-${stage}`}>
      <h2 id={`column-title-${stage}`}>{STAGE_LABEL[stage]}</h2>
      <p className="column-stats">
        <span data-testid={`column-count-${stage}`} data-value={totals.count}>
          {totals.count}
        </span>
        <span className="column-stats-unit"> 个项目 · 总投资 </span>
        <span data-testid={`column-total-${stage}`} data-value={total}>
          {total}
        </span>
        <span className="column-stats-unit"> 亿元</span>
      </p>
      <p className="column-substats">
        年度计划{' '}
        <span data-testid={`column-plan-${stage}`} data-value={plan}>
          {plan}
        </span>{' '}
        · 已完成{' '}
        <span data-testid={`column-completed-${stage}`} data-value={completed}>
          {completed}
        </span>{' '}
        亿元
      </p>
      <LightCounts counts={lights} testId={`column-lights-${stage}`} compact />
    </header>
  )
})
