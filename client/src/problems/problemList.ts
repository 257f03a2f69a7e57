import { ProblemStatus, type Problem, type ProblemCategory } from '@guatu/shared/domain/problem'
import type { Project, ProjectId } from '@guatu/shared/domain/project'

/** A problem with the project it belongs to, for the 问题清单 table. */
export interface ProblemRow {
  problem: Problem
  project: Project | undefined
}

export interface ProblemListFilter {
  category: ProblemCategory | ''
  /** 责任单位: the unit of the problem's project (not the 牵头单位 that must solve it). */
  unit: string
  status: ProblemStatus | ''
  solvedThisWeek: boolean
}

export const EMPTY_PROBLEM_FILTER: ProblemListFilter = { category: '', unit: '', status: '', solvedThisWeek: false }

/** Monday 00:00 local time of the week containing `now`: offices count weeks from Monday. */
export function startOfWeek(now: Date): Date {
  const daysSinceMonday = (now.getDay() + 6) % 7
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysSinceMonday)
}

export function solvedSince(problem: Problem, since: Date): boolean {
  if (problem.status !== ProblemStatus.solved || !problem.solvedAt) return false
  return new Date(problem.solvedAt).getTime() >= since.getTime()
}

export function joinProjects(problems: readonly Problem[], projectOf: (id: ProjectId) => Project | undefined): ProblemRow[] {
  return problems.map((problem) => ({ problem, project: projectOf(problem.projectId) }))
}

/** Category and unit narrow which problems count; status and 本周解决 only narrow what the table lists. */
export function inScope(row: ProblemRow, filter: ProblemListFilter): boolean {
  if (filter.category && row.problem.category !== filter.category) return false
  if (filter.unit && row.project?.unit !== filter.unit) return false
  return true
}

export function listed(row: ProblemRow, filter: ProblemListFilter, weekStart: Date): boolean {
  if (filter.status && row.problem.status !== filter.status) return false
  if (filter.solvedThisWeek && !solvedSince(row.problem, weekStart)) return false
  return true
}

export interface ProblemTotals {
  total: number
  solved: number
  /** 问题办结率 in whole percent; undefined with no problems. */
  rate: number | undefined
}

export function problemTotals(rows: readonly ProblemRow[]): ProblemTotals {
  const solved = rows.filter((row) => row.problem.status === ProblemStatus.solved).length
  return { total: rows.length, solved, rate: rows.length === 0 ? undefined : Math.round((solved * 100) / rows.length) }
}
