import type { BoardProgress } from '../progress/boardProgress.ts'
import type { FiredLight, Light, Warning } from '../progress/lights.ts'
import type { WeeklyRanking } from '../progress/ranking.ts'
import { shapedAnswer } from './shapeChecks.ts'

/** REST for a board's figures (`/api/boards/:id/progress`, `/ranking`), computed by shared/progress. */

/** GET /api/boards/:id/ranking?week=&by=: 一周一晾晒, the same figures as the Excel sheet and the wall screen. */
export const weeklyRankingResponseSchema = shapedAnswer<WeeklyRanking>('排名', { arrays: ['rows', 'redList', 'blackList'], objects: ['week', 'previousWeek'] })
export type WeeklyRankingResponse = WeeklyRanking

export interface ProjectLights {
  projectId: string
  name: string
  unit: string
  worst: Light
  lights: FiredLight[]
}

/** GET /api/boards/:id/progress?asOf=: 序时进度, targets, rates and every project's lights, as of a day. */
export interface ProgressReport {
  progress: BoardProgress
  /** Every project with at least one non-green light, worst first. */
  projects: ProjectLights[]
  warnings: Warning[]
}
export const progressReportResponseSchema = shapedAnswer<ProgressReport>('进度报告', { arrays: ['projects', 'warnings'], objects: ['progress'] })
