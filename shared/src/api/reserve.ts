import { z } from 'zod'
import { candidateInputSchema, candidatePatchSchema, type Candidate } from '../domain/reserveCandidate.ts'
import { historyEntrySchema } from './history.ts'

/**
 * REST for the 项目库 (`/api/reserve`). The reserve is written only through these commands; the
 * server judges each against the caller's role and units (docs/api.md).
 */

/** Each candidate is checked to be an object here; its fields were validated where the reserve was read. */
const candidateSchema = z.custom<Candidate>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
  error: '储备项目须为对象',
})

/** GET /api/reserve: every candidate, newest first (offices, departments and leaders; no screen link). */
export const reserveListResponseSchema = z.object({ candidates: z.array(candidateSchema) })
export type ReserveListResponse = z.infer<typeof reserveListResponseSchema>

/** POST /api/reserve/candidates: a department proposes for one of its units (the office for any). */
export const proposeCandidateRequestSchema = z.object({ candidate: candidateInputSchema })
export type ProposeCandidateRequest = z.input<typeof proposeCandidateRequestSchema>

/** PATCH /api/reserve/candidates/:id: a correction; a returned candidate goes back to 待审核. */
export const correctCandidateRequestSchema = z.object({ patch: candidatePatchSchema })
export type CorrectCandidateRequest = z.input<typeof correctCandidateRequestSchema>

/** POST /api/reserve/candidates/:id/vet: the 项目办's verdict; a return needs its reason. */
export const vetCandidateRequestSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }),
  z.object({
    decision: z.literal('return'),
    reason: z.string({ error: '请填写退回原因' }).trim().min(1, { error: '请填写退回原因' }).max(500, { error: '退回原因不能超过500个字' }),
  }),
])
export type VetCandidateRequest = z.input<typeof vetCandidateRequestSchema>

/** Answer to propose, correct and vet: the candidate as stored. */
export const candidateResponseSchema = z.object({ candidate: candidateSchema })
export type CandidateResponse = z.infer<typeof candidateResponseSchema>

/** POST /api/reserve/candidates/:id/move (列入年度看板): the office, an approved candidate, one board. */
export const moveCandidateRequestSchema = z.object({ boardId: z.string({ error: '请选择年度看板' }).min(1, { error: '请选择年度看板' }).max(64) })
export type MoveCandidateRequest = z.input<typeof moveCandidateRequestSchema>

/** `created` is false when the candidate was on that board already (the action ran before). */
export const moveCandidateResponseSchema = z.object({
  candidate: candidateSchema,
  boardId: z.string(),
  projectId: z.string(),
  created: z.boolean(),
})
export type MoveCandidateResponse = z.infer<typeof moveCandidateResponseSchema>

/** GET /api/reserve/candidates/:id/history: the candidate's whole life, newest first. */
export const candidateHistoryResponseSchema = z.object({ entries: z.array(historyEntrySchema) })
export type CandidateHistoryResponse = z.infer<typeof candidateHistoryResponseSchema>

/**
 * GET /api/reserve/origin/:boardId/:projectId: the candidate a board project came from, with its
 * history in the reserve (404 when the project did not come from the reserve).
 */
export const projectOriginResponseSchema = z.object({ candidate: candidateSchema, entries: z.array(historyEntrySchema) })
export type ProjectOriginResponse = z.infer<typeof projectOriginResponseSchema>
