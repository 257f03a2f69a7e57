import ExcelJS from 'exceljs'
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
import { authHeaders, expectParsed, requestJson, type JsonResponse } from './rest.ts'
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

/** POST /api/reserve/import (multipart `file`) as one caller; `dryRun` asks for the preview only. */
export async function importReserve(server: TestServer, file: Uint8Array, options: { dryRun?: boolean; token?: string; name?: string } = {}) {
  const form = new FormData()
  form.append('file', new Blob([file as Uint8Array<ArrayBuffer>]), options.name ?? '项目库.xlsx')
  const response = await fetch(`${server.url}/api/reserve/import${options.dryRun ? '?dryRun=1' : ''}`, {
    method: 'POST',
    headers: authHeaders(server, options.token === undefined ? {} : { token: options.token }),
    body: form,
  })
  return { status: response.status, body: (await response.json()) as unknown }
}

/** A 项目库 workbook as an office keeps one: a title row, the header, then `rows` (cells by header). */
export async function reserveWorkbookFile(
  headers: readonly string[],
  rows: ReadonlyArray<Partial<Record<string, string | number>> | undefined>,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('储备项目')
  sheet.addRow(['2024年县级重点项目储备库'])
  sheet.addRow([...headers])
  for (const row of rows) sheet.addRow(headers.map((header) => row?.[header] ?? null))
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
