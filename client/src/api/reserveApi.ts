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
import { downloadFile, jsonBody, requestJson } from './http.ts'

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
