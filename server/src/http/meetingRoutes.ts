import { Hono } from 'hono'
import type { MeetingService } from '../meetings/meetingService.ts'
import { PdfUnavailableError } from '../meetings/minutesPdf.ts'
import { requireReadableBoard, type AppEnv } from './appEnv.ts'
import { fileResponse } from './fileResponse.ts'
import type { ErrorResponse } from '@guatu/shared/api/errors'
import type { MeetingListResponse, MinutesResponse, PdfUnavailableResponse } from '@guatu/shared/api/meetings'

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** Past and running meetings, and their minutes (会议纪要) as JSON or Word. */
export function meetingRoutes(meetings: MeetingService): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  routes.get('/:id/meetings', async (c) => {
    requireReadableBoard(c, c.req.param('id'))
    const list = await meetings.list(c.req.param('id'))
    return list ? c.json({ meetings: list } satisfies MeetingListResponse) : c.json({ error: '看板不存在' } satisfies ErrorResponse, 404)
  })

  routes.get('/:id/meetings/:meetingId/minutes', async (c) => {
    requireReadableBoard(c, c.req.param('id'))
    return c.json((await meetings.minutes(c.req.param('id'), c.req.param('meetingId'))) satisfies MinutesResponse)
  })

  routes.get('/:id/meetings/:meetingId/minutes.docx', async (c) => {
    requireReadableBoard(c, c.req.param('id'))
    const { minutes, bytes } = await meetings.minutesDocx(c.req.param('id'), c.req.param('meetingId'))
    return fileResponse(c, bytes, `${minutes.meeting.title}-会议纪要.docx`, DOCX_TYPE)
  })

  routes.get('/:id/meetings/:meetingId/minutes.pdf', async (c) => {
    requireReadableBoard(c, c.req.param('id'))
    try {
      const { minutes, bytes } = await meetings.minutesPdf(c.req.param('id'), c.req.param('meetingId'))
      return fileResponse(c, bytes, `${minutes.meeting.title}-会议纪要.pdf`, 'application/pdf')
    } catch (error) {
      // 503: the minutes exist, this server cannot render them; the Word file still can be had.
      if (error instanceof PdfUnavailableError) return c.json({ error: error.message, officeInstalled: error.installed } satisfies PdfUnavailableResponse, 503)
      throw error
    }
  })

  return routes
}
