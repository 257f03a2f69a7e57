import {
  projectYearsSchema,
  rollupResponseSchema,
  rolloverPreviewSchema,
  rolloverResultSchema,
  type ProjectYears,
  type RollupResponse,
  type RolloverPreview,
  type RolloverRequest,
  type RolloverResult,
} from '@guatu/shared/api/years'
import { jsonBody, requestJson } from '../api/http.ts'

/** 新建年度看板: what carrying `boardId` into `request.year` would do; writes nothing. */
export async function previewRollover(boardId: string, request: RolloverRequest): Promise<RolloverPreview> {
  return requestJson(`/api/boards/${encodeURIComponent(boardId)}/rollover/preview`, rolloverPreviewSchema, { method: 'POST', ...jsonBody(request) })
}

/** Makes the new year's board; `created: false` when it existed already (nothing written). */
export async function commitRollover(boardId: string, request: RolloverRequest): Promise<RolloverResult> {
  return requestJson(`/api/boards/${encodeURIComponent(boardId)}/rollover`, rolloverResultSchema, { method: 'POST', ...jsonBody(request) })
}

/** 汇总: every board the signed-in user may read, with totals (read only). */
export async function fetchRollups(): Promise<RollupResponse> {
  return requestJson('/api/rollups', rollupResponseSchema)
}

/** The boards a project has been on across years (newest first), those the caller may read. */
export async function fetchProjectYears(boardId: string, projectId: string): Promise<ProjectYears> {
  return requestJson(`/api/boards/${encodeURIComponent(boardId)}/projects/${encodeURIComponent(projectId)}/years`, projectYearsSchema)
}
