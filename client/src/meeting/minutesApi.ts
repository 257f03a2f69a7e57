import { z } from 'zod'
import type { Minutes } from '@guatu/shared/domain/minutes'
import { downloadFile, requestJson } from '../api/http.ts'

/** Only checked to be an object so far: the minutes are not yet a shared REST schema (issue 17). */
const unreadMinutesSchema = z.custom<Minutes>((value) => typeof value === 'object' && value !== null && !Array.isArray(value))

const minutesPath = (boardId: string, meetingId: string) =>
  `/api/boards/${encodeURIComponent(boardId)}/meetings/${encodeURIComponent(meetingId)}/minutes`

export function fetchMinutes(boardId: string, meetingId: string, signal?: AbortSignal): Promise<Minutes> {
  return requestJson(minutesPath(boardId, meetingId), unreadMinutesSchema, signal ? { signal } : {})
}

/** The minutes as a Word document (导出Word). */
export function downloadMinutesDocx(boardId: string, meetingId: string, title: string): Promise<string> {
  return downloadFile(`${minutesPath(boardId, meetingId)}.docx`, `${title}会议纪要.docx`)
}

/** The Word minutes rendered to PDF on the server (导出PDF); the server says in Chinese when it cannot. */
export function downloadMinutesPdf(boardId: string, meetingId: string, title: string): Promise<string> {
  return downloadFile(`${minutesPath(boardId, meetingId)}.pdf`, `${title}会议纪要.pdf`)
}
