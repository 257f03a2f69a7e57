import type { IsoDate } from '@guatu/shared/domain/dates'
import type { WanAmount } from '@guatu/shared/domain/money'
import { ProblemStatus, type Problem, type ProblemId } from '@guatu/shared/domain/problem'
import { PROJECT_DEFAULTS, type Project, type ProjectFields, type ProjectId } from '@guatu/shared/domain/project'
import { DEFAULT_BOARD_SETTINGS, type BoardSettings } from '@guatu/shared/progress/boardSettings'

/** Hand-made records for progress tests: only what a test names differs from the defaults. */
export function project(id: string, fields: Partial<Omit<ProjectFields, 'rank'>> = {}): Project {
  return { ...PROJECT_DEFAULTS, rank: 'a0', ...fields, id: `p_${id.padEnd(6, '0')}` as ProjectId }
}

export function problem(id: string, of: Project, fields: Partial<Problem> = {}): Problem {
  return {
    projectId: of.id,
    category: 'land',
    description: '用地指标未落实',
    leadUnit: '自然资源局',
    status: ProblemStatus.open,
    raisedById: 'u1',
    raisedByLabel: '项目办',
    raisedAt: '2022-01-10T02:00:00.000Z',
    ...fields,
    id: `q_${id.padEnd(6, '0')}` as ProblemId,
  }
}

export function solvedProblem(id: string, of: Project, solvedAt: string, raisedAt = '2022-01-10T02:00:00.000Z'): Problem {
  return problem(id, of, { status: ProblemStatus.solved, solvedAt, raisedAt, solvedById: 'u2', solvedByLabel: '自然资源局' })
}

export function settings2022(change: (settings: BoardSettings) => void = () => {}): BoardSettings {
  const settings = DEFAULT_BOARD_SETTINGS(2022)
  change(settings)
  return settings
}

export const d = (text: string) => text as IsoDate
export const wan = (text: string) => text as WanAmount
