import type { Project } from '@guatu/shared/domain/project'
import type { TestServer } from './server.ts'

export interface BoardSummary {
  id: string
  name: string
  year: number
  projectCount: number
}

export interface BoardInfo {
  id: string
  name: string
  year: number
}

export interface JsonResponse<T = unknown> {
  status: number
  contentType: string
  body: T
}

/** Sends a request to the server and parses the body as JSON (a non-JSON body fails the test with its text). */
export async function requestJson<T = unknown>(
  server: TestServer,
  path: string,
  init: { method?: string; body?: unknown; rawBody?: string } = {},
): Promise<JsonResponse<T>> {
  const hasBody = init.body !== undefined || init.rawBody !== undefined
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? (hasBody ? 'POST' : 'GET'),
    headers: hasBody ? { 'content-type': 'application/json' } : {},
    body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  })
  const text = await response.text()
  let body: T
  try {
    body = JSON.parse(text) as T
  } catch {
    throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status} with a body that is not JSON: ${text.slice(0, 500)}`)
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body }
}

/** Creates a board through POST /api/boards and returns it; fails unless the server answers 201. */
export async function createBoard(server: TestServer, name: string, year = 2025): Promise<BoardInfo> {
  const response = await requestJson<{ board: BoardInfo }>(server, '/api/boards', { body: { name, year } })
  if (response.status !== 201) {
    throw new Error(`POST /api/boards answered ${response.status}: ${JSON.stringify(response.body)}`)
  }
  return response.body.board
}

export async function listBoards(server: TestServer): Promise<BoardSummary[]> {
  const response = await requestJson<{ boards: BoardSummary[] }>(server, '/api/boards')
  if (response.status !== 200) throw new Error(`GET /api/boards answered ${response.status}`)
  return response.body.boards
}

/** GET /api/boards/:id: the board and its projects as the server's stored document has them. */
export async function fetchBoard(server: TestServer, boardId: string): Promise<{ board: BoardInfo; projects: Project[] }> {
  const response = await requestJson<{ board: BoardInfo; projects: Project[] }>(
    server,
    `/api/boards/${encodeURIComponent(boardId)}`,
  )
  if (response.status !== 200) {
    throw new Error(`GET /api/boards/${boardId} answered ${response.status}: ${JSON.stringify(response.body)}`)
  }
  return response.body
}
