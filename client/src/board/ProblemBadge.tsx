import { memo } from 'react'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { Problem } from '@guatu/shared/domain/problem'
import { countProblems } from '../problems/problemCounts.ts'

/** "2个问题" on a card with open problems, and "1个逾期" in red when any is past its deadline. */
export const ProblemBadge = memo(function ProblemBadge({ problems, today }: { problems: readonly Problem[]; today: IsoDate }) {
  const { open, overdue } = countProblems(problems, today)
  if (open === 0) return null
  return (
    <p className="card-problems" data-testid="card-problems" data-open={open} data-overdue={overdue}>
      <span className="problem-badge">{open}个问题</span>
      {overdue > 0 && <span className="problem-badge problem-overdue">{overdue}个逾期</span>}
    </p>
  )
})
