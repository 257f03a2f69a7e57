import type { Industry } from '../domain/industry.ts'
import { RESERVE_LEVELS, VettingStatus, isMoved, type Candidate, type ReserveLevel } from '../domain/reserveCandidate.ts'

/** Where a candidate is in its life: the three vetting states, then 已列入 once on a board. */
export const CandidateStage = { ...VettingStatus, moved: 'moved' } as const
export type CandidateStage = (typeof CandidateStage)[keyof typeof CandidateStage]
export const CANDIDATE_STAGE_LABEL: Record<CandidateStage, string> = {
  pending: '待审核',
  approved: '已通过',
  returned: '退回',
  moved: '已列入看板',
}

export function candidateStage(candidate: Candidate): CandidateStage {
  return isMoved(candidate) ? CandidateStage.moved : candidate.status
}

/** The 项目库 list's filters; an absent key does not filter. */
export interface ReserveFilter {
  level?: ReserveLevel
  industry?: Industry | 'unset'
  unit?: string
  stage?: CandidateStage
  /** Part of the 项目名称. */
  name?: string
}

export function matchesReserveFilter(candidate: Candidate, filter: ReserveFilter): boolean {
  if (filter.level && candidate.level !== filter.level) return false
  if (filter.industry && (candidate.industry ?? 'unset') !== filter.industry) return false
  if (filter.unit && candidate.unit !== filter.unit) return false
  if (filter.stage && candidateStage(candidate) !== filter.stage) return false
  const name = filter.name?.trim()
  return !name || candidate.name.includes(name)
}

/** 按储备级别、产业类别计数 (an unclassified candidate counts under `unset`). */
export interface ReserveCounts {
  total: number
  byLevel: Record<ReserveLevel, number>
  byIndustry: Partial<Record<Industry | 'unset', number>>
}

export function countCandidates(candidates: readonly Candidate[]): ReserveCounts {
  const byLevel = Object.fromEntries(RESERVE_LEVELS.map((level) => [level, 0])) as Record<ReserveLevel, number>
  const byIndustry: ReserveCounts['byIndustry'] = {}
  for (const candidate of candidates) {
    byLevel[candidate.level] += 1
    const industry = candidate.industry ?? 'unset'
    byIndustry[industry] = (byIndustry[industry] ?? 0) + 1
  }
  return { total: candidates.length, byLevel, byIndustry }
}
