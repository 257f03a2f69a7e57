import { isProblemOverdue, ProblemStatus, type Problem } from '@guatu/shared/domain/problem'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import { STAGES, type Stage } from '@guatu/shared/domain/stage'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { GroupProgress } from '@guatu/shared/progress/boardProgress'

/** One side (the reporting unit, or the whole board) of the meeting-turn comparison. */
export interface TurnSide {
  readonly progress: GroupProgress | undefined
  /** Projects in each column now (当前在该阶段). */
  readonly current: Record<Stage, number>
  readonly openProblems: number
  readonly overdueProblems: number
  /** 确定事项 of the running meeting. */
  readonly decisions: number
}

/**
 * The figures the wall puts side by side while a unit reports: the same measures for the unit and
 * for the board, from the same computation (boardProgress) the progress page uses.
 */
export function turnSide(input: {
  projects: readonly Project[]
  problems: readonly Problem[]
  decisionProjects: readonly ProjectId[]
  progress: GroupProgress | undefined
  asOf: IsoDate
}): TurnSide {
  const ids = new Set(input.projects.map((project) => project.id))
  const current = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>
  for (const project of input.projects) current[project.stage] += 1
  const open = input.problems.filter((problem) => ids.has(problem.projectId) && problem.status === ProblemStatus.open)
  return {
    progress: input.progress,
    current,
    openProblems: open.length,
    overdueProblems: open.filter((problem) => isProblemOverdue(problem, input.asOf)).length,
    decisions: input.decisionProjects.filter((id) => ids.has(id)).length,
  }
}
