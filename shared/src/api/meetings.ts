import { z } from 'zod'
import type { Meeting } from '../domain/meeting.ts'
import type { Minutes } from '../domain/minutes.ts'
import { shapedAnswer } from './shapeChecks.ts'

/** REST for a board's 调度会 (`/api/boards/:id/meetings`): the list, and each meeting's minutes. */

const meetingSchema = shapedAnswer<Meeting>('会议', {})

/** GET /api/boards/:id/meetings: past and running meetings. */
export const meetingListResponseSchema = z.object({ meetings: z.array(meetingSchema) })
export type MeetingListResponse = z.infer<typeof meetingListResponseSchema>

/** GET /api/boards/:id/meetings/:meetingId/minutes: 会议纪要 as JSON (the Word file prints the same). */
export const minutesResponseSchema = shapedAnswer<Minutes>('会议纪要', {
  arrays: ['units', 'decisions'],
  objects: ['meeting', 'totalsBefore', 'totalsAfter'],
})
export type MinutesResponse = Minutes

/** 503 from minutes.pdf when LibreOffice cannot render: the reason, and whether it is installed at all. */
export const pdfUnavailableResponseSchema = z.object({ error: z.string(), officeInstalled: z.boolean() })
export type PdfUnavailableResponse = z.infer<typeof pdfUnavailableResponseSchema>
