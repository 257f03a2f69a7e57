import { z } from 'zod'
import { boardDetailResponseSchema, boardListResponseSchema, boardResponseSchema, type BoardSummary, type CreateBoardRequest } from '@guatu/shared/api/boards'
import { jsonBody, requestJson } from './http.ts'

/** The board list and metadata come over plain HTTP; the projects themselves come over the sync socket. */
export async function fetchBoards(): Promise<BoardSummary[]> {
  const { boards } = await requestJson('/api/boards', boardListResponseSchema)
  return boards
}

export async function fetchBoard(boardId: string): Promise<BoardSummary> {
  const { board } = await requestJson(`/api/boards/${encodeURIComponent(boardId)}`, boardDetailResponseSchema)
  return board
}

/** Only `unit` is read from each project: the admin page offers units as choices, it does not render projects. */
const boardUnitsResponseSchema = boardDetailResponseSchema.extend({ projects: z.array(z.unknown()) })

/**
 * The 责任单位 named by the projects of one board. Only `unit` is read, and only when it is a
 * non-empty string: the admin page offers these as choices, it does not render the projects.
 */
export async function fetchBoardUnits(boardId: string): Promise<string[]> {
  const { projects } = await requestJson(`/api/boards/${encodeURIComponent(boardId)}`, boardUnitsResponseSchema)
  const units = new Set<string>()
  for (const project of projects) {
    const unit = typeof project === 'object' && project !== null ? (project as { unit?: unknown }).unit : undefined
    if (typeof unit === 'string' && unit.trim()) units.add(unit.trim())
  }
  return [...units]
}

export async function createBoard(input: CreateBoardRequest): Promise<BoardSummary> {
  const { board } = await requestJson('/api/boards', boardResponseSchema, { method: 'POST', ...jsonBody(input) })
  return board
}
