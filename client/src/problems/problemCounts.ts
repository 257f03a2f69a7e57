import type { IsoDate } from '@guatu/shared/domain/dates'
import { isProblemOverdue, ProblemStatus, type Problem } from '@guatu/shared/domain/problem'

export interface ProblemCounts {
  open: number
  /** Open past their 解决时限 today. */
  overdue: number
}

export function countProblems(problems: readonly Problem[], today: IsoDate): ProblemCounts {
  let open = 0
  let overdue = 0
  for (const problem of problems) {
    if (problem.status === ProblemStatus.open) open += 1
    if (isProblemOverdue(problem, today)) overdue += 1
  }
  return { open, overdue }
}
