import { z } from 'zod'
import type { Project } from '../domain/project.ts'
import { refuseXmlUnsafe } from '../domain/safeText.ts'

/**
 * REST for boards (`/api/boards`). The board list and metadata come over plain HTTP; the projects
 * themselves are edited over the sync socket.
 */
export const boardSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number().int(),
  /** Projects on the board now: the live document's count when the board is open. */
  projectCount: z.number().int().min(0),
})
export type BoardSummary = z.infer<typeof boardSummarySchema>

/** GET /api/boards: the boards the caller may read. */
export const boardListResponseSchema = z.object({ boards: z.array(boardSummarySchema) })
export type BoardListResponse = z.infer<typeof boardListResponseSchema>

/** POST /api/boards (the project office only). */
export const createBoardRequestSchema = z.object({
  name: z
    .string({ error: '看板名称必须是文字' })
    .trim()
    .min(1, { error: '看板名称不能为空' })
    .max(100, { error: '看板名称不能超过100个字' })
    .superRefine(refuseXmlUnsafe('看板名称')),
  year: z
    .number({ error: '年度必须是数字' })
    .int({ error: '年度必须是整数' })
    .min(2000, { error: '年度须在2000至2100之间' })
    .max(2100, { error: '年度须在2000至2100之间' }),
})
export type CreateBoardRequest = z.input<typeof createBoardRequestSchema>

/** POST /api/boards answers 201 with the new board. */
export const boardResponseSchema = z.object({ board: boardSummarySchema })
export type BoardResponse = z.infer<typeof boardResponseSchema>

/**
 * Each project is only checked to be an object here: its fields are validated where the document is
 * read (shared/board), and a reader of this answer takes what it needs defensively.
 */
const storedProjectSchema = z.custom<Project>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
  error: '项目须为对象',
})

/** GET /api/boards/:id: the board and every project as stored. */
export const boardDetailResponseSchema = z.object({ board: boardSummarySchema, projects: z.array(storedProjectSchema) })
export type BoardDetailResponse = z.infer<typeof boardDetailResponseSchema>
