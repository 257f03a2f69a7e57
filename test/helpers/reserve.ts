import {
  candidateHistoryResponseSchema,
  candidateResponseSchema,
  moveCandidateResponseSchema,
  reserveListResponseSchema,
  type CorrectCandidateRequest,
  type ProposeCandidateRequest,
  type VetCandidateRequest,
} from '@guatu/shared/api/reserve'
import type { Candidate } from '@guatu/shared/domain/reserveCandidate'
import { expectParsed, requestJson, type JsonResponse } from './rest.ts'
import type { TestServer } from './server.ts'

/** Requests to /api/reserve as one caller (`token`: their API token; undefined: the admin). */
export function reserveAs(server: TestServer, token?: string) {
  const as = token === undefined ? {} : { token }
  return {
    list: () => requestJson(server, '/api/reserve', as),
    propose: (candidate: ProposeCandidateRequest['candidate'] | Record<string, unknown>) =>
      requestJson(server, '/api/reserve/candidates', { ...as, body: { candidate } }),
    correct: (id: string, patch: CorrectCandidateRequest['patch'] | Record<string, unknown>) =>
      requestJson(server, `/api/reserve/candidates/${id}`, { ...as, method: 'PATCH', body: { patch } }),
    vet: (id: string, verdict: VetCandidateRequest | Record<string, unknown>) =>
      requestJson(server, `/api/reserve/candidates/${id}/vet`, { ...as, body: verdict }),
    move: (id: string, boardId: string) => requestJson(server, `/api/reserve/candidates/${id}/move`, { ...as, body: { boardId } }),
    history: (id: string) => requestJson(server, `/api/reserve/candidates/${id}/history`, as),
    origin: (boardId: string, projectId: string) => requestJson(server, `/api/reserve/origin/${boardId}/${projectId}`, as),
  }
}

export const candidateOf = (response: JsonResponse, status: number, what: string): Candidate =>
  expectParsed(response, status, candidateResponseSchema, what).candidate
export const movedOf = (response: JsonResponse, what: string) => expectParsed(response, 200, moveCandidateResponseSchema, what)
export const historyOf = (response: JsonResponse, what: string) => expectParsed(response, 200, candidateHistoryResponseSchema, what).entries
export const candidatesOf = (response: JsonResponse, what: string) => expectParsed(response, 200, reserveListResponseSchema, what).candidates
