import type { z } from 'zod'
import type { HistoryEntry, HistoryResponse } from '@guatu/shared/api/history'
import type { BoardDetailResponse, BoardListResponse, BoardResponse, BoardSummary } from '@guatu/shared/api/boards'
import { REQUEST_MARKER_HEADER, REQUEST_MARKER_VALUE } from '@guatu/shared/http/requestMarker'
import type { TestServer } from './server.ts'

export interface JsonResponse<T = unknown> {
  status: number
  contentType: string
  headers: Headers
  /** The parsed body; undefined for an empty body (204). */
  body: T
}

/**
 * Who a request is from. By default the admin's API token (`server.adminToken`) as a Bearer
 * header; `token: null` sends no token (anonymous, or a cookie alone when `cookie` is given).
 */
export interface RequestCredentials {
  token?: string | null
  /** A `guatu_session=…` cookie; sent instead of the admin token unless `token` is also given. */
  cookie?: string
}

export interface RequestInit extends RequestCredentials {
  method?: string
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
}

/** The headers that present `credentials` for `server`. */
export function authHeaders(server: TestServer, credentials: RequestCredentials = {}): Record<string, string> {
  const headers: Record<string, string> = {}
  const token = credentials.token === undefined ? (credentials.cookie === undefined ? server.adminToken : undefined) : credentials.token
  if (token !== undefined && token !== null) headers.authorization = `Bearer ${token}`
  if (credentials.cookie !== undefined) headers.cookie = credentials.cookie
  return headers
}

/** Sends a request to the server and parses the body as JSON (a non-JSON body fails the test with its text). */
export async function requestJson<T = unknown>(server: TestServer, path: string, init: RequestInit = {}): Promise<JsonResponse<T>> {
  const hasBody = init.body !== undefined || init.rawBody !== undefined
  const method = init.method ?? (hasBody ? 'POST' : 'GET')
  const response = await fetch(`${server.url}${path}`, {
    method,
    // The marker header, as Guatu's own client sends it: a cookie request without a JSON body (logout) passes the CSRF guard.
    headers: {
      ...authHeaders(server, init),
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      [REQUEST_MARKER_HEADER]: REQUEST_MARKER_VALUE,
      ...init.headers,
    },
    body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  })
  const text = await response.text()
  let body: T
  try {
    body = (text === '' ? undefined : JSON.parse(text)) as T
  } catch {
    throw new Error(`${method} ${path} answered ${response.status} with a body that is not JSON: ${text.slice(0, 500)}`)
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', headers: response.headers, body }
}

/** Fails with the method, path, status and body unless the response has the expected status. */
export function expectStatus<T>(response: JsonResponse<T>, status: number, what: string): T {
  if (response.status !== status) {
    throw new Error(`${what} answered ${response.status}, expected ${status}: ${JSON.stringify(response.body)}`)
  }
  return response.body
}

/**
 * The body of a response with the expected status, parsed with the endpoint's shared schema
 * (shared/src/api): what a test reads is what the contract says, not a type written here again.
 */
export function expectParsed<S extends z.ZodType>(response: JsonResponse, status: number, schema: S, what: string): z.output<S> {
  const body = expectStatus(response, status, what)
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw new Error(`${what} answered a body its schema refuses: ${parsed.error.message}; body ${JSON.stringify(body).slice(0, 500)}`)
  return parsed.data
}

/** Creates a board through POST /api/boards and returns it; fails unless the server answers 201. */
export async function createBoard(server: TestServer, name: string, year = 2025): Promise<BoardSummary> {
  const response = await requestJson<BoardResponse>(server, '/api/boards', { body: { name, year } })
  if (response.status !== 201) {
    throw new Error(`POST /api/boards answered ${response.status}: ${JSON.stringify(response.body)}`)
  }
  return response.body.board
}

export async function listBoards(server: TestServer): Promise<BoardSummary[]> {
  const response = await requestJson<BoardListResponse>(server, '/api/boards')
  if (response.status !== 200) throw new Error(`GET /api/boards answered ${response.status}`)
  return response.body.boards
}

/** GET /api/boards/:id: the board and its projects as the server's stored document has them. */
export async function fetchBoard(server: TestServer, boardId: string, credentials: RequestCredentials = {}): Promise<BoardDetailResponse> {
  const response = await requestJson<BoardDetailResponse>(server, `/api/boards/${encodeURIComponent(boardId)}`, credentials)
  if (response.status !== 200) {
    throw new Error(`GET /api/boards/${boardId} answered ${response.status}: ${JSON.stringify(response.body)}`)
  }
  return response.body
}

/** GET /api/boards/:id/history, newest first, optionally for one project. */
export async function fetchHistory(
  server: TestServer,
  boardId: string,
  query: { projectId?: string; limit?: number; before?: string } = {},
  credentials: RequestCredentials = {},
): Promise<HistoryEntry[]> {
  const params = new URLSearchParams(
    Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]): [string, string] => [k, String(v)]),
  )
  const path = `/api/boards/${encodeURIComponent(boardId)}/history${params.size > 0 ? `?${params}` : ''}`
  return expectStatus(await requestJson<HistoryResponse>(server, path, credentials), 200, `GET ${path}`).entries
}
