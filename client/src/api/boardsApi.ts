import { jsonBody, requestJson } from './http.ts'

/** The board list and metadata come over plain HTTP; the projects themselves come over the sync socket. */
export interface BoardSummary {
  id: string
  name: string
  year: number
  projectCount?: number
}

export async function fetchBoards(): Promise<BoardSummary[]> {
  const { boards } = await requestJson<{ boards: BoardSummary[] }>('/api/boards')
  return boards
}

export async function fetchBoard(boardId: string): Promise<BoardSummary> {
  const { board } = await requestJson<{ board: BoardSummary }>(`/api/boards/${encodeURIComponent(boardId)}`)
  return board
}

/**
 * The 责任单位 named by the projects of one board. Only `unit` is read, and only when it is a
 * non-empty string: the admin page offers these as choices, it does not render the projects.
 */
export async function fetchBoardUnits(boardId: string): Promise<string[]> {
  const { projects } = await requestJson<{ projects?: unknown }>(`/api/boards/${encodeURIComponent(boardId)}`)
  if (!Array.isArray(projects)) return []
  const units = new Set<string>()
  for (const project of projects as unknown[]) {
    const unit = typeof project === 'object' && project !== null ? (project as { unit?: unknown }).unit : undefined
    if (typeof unit === 'string' && unit.trim()) units.add(unit.trim())
  }
  return [...units]
}

export async function createBoard(input: { name: string; year: number }): Promise<BoardSummary> {
  const { board } = await requestJson<{ board: BoardSummary }>('/api/boards', { method: 'POST', ...jsonBody(input) })
  return board
}
