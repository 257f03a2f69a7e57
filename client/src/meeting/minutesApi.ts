import { minutesResponseSchema } from '@guatu/shared/api/meetings'
import type { Minutes } from '@guatu/shared/domain/minutes'
import { downloadFile, requestJson } from '../api/http.ts'

const minutesPath = (boardId: string, meetingId: string) => `/api/boards/${encodeURIComponent(boardId)}/meetings/${encodeURIComponent(meetingId)}/minutes`

export function fetchMinutes(boardId: string, meetingId: string, signal?: AbortSignal): Promise<Minutes> {
  return requestJson(minutesPath(boardId, meetingId), minutesResponseSchema, signal ? { signal } : {})
}

/** The minutes as a Word document (导出Word). */
export function downloadMinutesDocx(boardId: string, meetingId: string, title: string): Promise<string> {
  return downloadFile(`${minutesPath(boardId, meetingId)}.docx`, `${title}会议纪要.docx`)
}

/** The Word minutes rendered to PDF on the server (导出PDF); the server says in Chinese when it cannot. */
export function downloadMinutesPdf(boardId: string, meetingId: string, title: string): Promise<string> {
  return downloadFile(`${minutesPath(boardId, meetingId)}.pdf`, `${title}会议纪要.pdf`)
}
