import {
  candidateHistoryResponseSchema,
  candidateResponseSchema,
  moveCandidateResponseSchema,
  reserveListResponseSchema,
  type MoveCandidateResponse,
  type VetCandidateRequest,
} from '@guatu/shared/api/reserve'
import type { HistoryEntry } from '@guatu/shared/api/history'
import type { Candidate, CandidateInput, CandidatePatch } from '@guatu/shared/domain/reserveCandidate'
import {
  reserveImportPreviewSchema,
  reserveImportRefusedSchema,
  reserveImportResultSchema,
  type ReserveImportPreview,
  type ReserveImportResult,
} from '@guatu/shared/api/reserveImport'
import { ApiError, downloadFile, jsonBody, requestJson } from './http.ts'

/** 项目库 (docs/api.md, shared/src/api/reserve.ts). */
export async function fetchReserve(): Promise<Candidate[]> {
  return (await requestJson('/api/reserve', reserveListResponseSchema)).candidates
}

export async function proposeCandidate(candidate: CandidateInput): Promise<Candidate> {
  return (await requestJson('/api/reserve/candidates', candidateResponseSchema, { method: 'POST', ...jsonBody({ candidate }) })).candidate
}

export async function correctCandidate(id: string, patch: CandidatePatch): Promise<Candidate> {
  return (await requestJson(`/api/reserve/candidates/${encodeURIComponent(id)}`, candidateResponseSchema, { method: 'PATCH', ...jsonBody({ patch }) }))
    .candidate
}

export async function vetCandidate(id: string, verdict: VetCandidateRequest): Promise<Candidate> {
  return (await requestJson(`/api/reserve/candidates/${encodeURIComponent(id)}/vet`, candidateResponseSchema, { method: 'POST', ...jsonBody(verdict) }))
    .candidate
}

export async function moveCandidate(id: string, boardId: string): Promise<MoveCandidateResponse> {
  return requestJson(`/api/reserve/candidates/${encodeURIComponent(id)}/move`, moveCandidateResponseSchema, { method: 'POST', ...jsonBody({ boardId }) })
}

export async function fetchCandidateHistory(id: string): Promise<HistoryEntry[]> {
  return (await requestJson(`/api/reserve/candidates/${encodeURIComponent(id)}/history`, candidateHistoryResponseSchema)).entries
}

export function exportReserve(): Promise<string> {
  return downloadFile('/api/reserve/export.xlsx', '项目库.xlsx')
}

function reserveImportForm(file: File): FormData {
  const form = new FormData()
  form.append('file', file)
  return form
}

/** 导入项目库, dry run: what importing `file` would do, row by row; writes nothing (the 项目办 only). */
export function previewReserveImport(file: File): Promise<ReserveImportPreview> {
  return requestJson('/api/reserve/import?dryRun=1', reserveImportPreviewSchema, { method: 'POST', body: reserveImportForm(file) })
}

/**
 * 导入项目库. A 422 means some row has an error and nothing was written; its fresh preview (the
 * reserve may have changed since the dry run) comes back with it.
 */
export async function commitReserveImport(
  file: File,
): Promise<{ ok: true; result: ReserveImportResult } | { ok: false; message: string; preview?: ReserveImportPreview }> {
  try {
    return { ok: true, result: await requestJson('/api/reserve/import', reserveImportResultSchema, { method: 'POST', body: reserveImportForm(file) }) }
  } catch (error) {
    if (error instanceof ApiError && error.status === 422) {
      const refused = reserveImportRefusedSchema.safeParse(error.body)
      return refused.success ? { ok: false, message: refused.data.error, preview: refused.data.preview } : { ok: false, message: error.message }
    }
    throw error
  }
}
