import { Hono } from 'hono'
import { todayInChina } from '@guatu/shared/domain/dates'
import type { BoardService } from '../boards/boardService.ts'
import { parseReportMonth, type PeriodStatusReader, type ReportMonth } from '../reports/monthlyReport.ts'
import { monthlyReportDocx, monthlyReportWorkbook } from '../reports/monthlyReportFiles.ts'
import { monthlyReportOf } from '../reports/monthlyReportService.ts'
import { RequestError } from '../requestError.ts'
import { requireReadableBoard, type AppContext, type AppEnv } from './appEnv.ts'
import { fileResponse } from './fileResponse.ts'
import type { BoardMapImage } from '../boundaries/boardMapImage.ts'
import { CHINA_OFFSET_MS } from '@guatu/shared/domain/chinaTime'

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

function monthOf(c: AppContext): ReportMonth {
  const text = c.req.query('month') ?? todayInChina().slice(0, 7)
  const month = parseReportMonth(text)
  if (!month) throw new RequestError(400, 'month 须为年月（如 2031-03）')
  return month
}

/** 月报 (`?month=YYYY-MM`, default this month): JSON, Word in the 公文 layout, and Excel. */
export function monthlyReportRoutes(boards: BoardService, periodStatus: PeriodStatusReader | undefined, mapImage?: BoardMapImage): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  async function load(c: AppContext) {
    const boardId = c.req.param('id') ?? ''
    requireReadableBoard(c, boardId)
    const report = await monthlyReportOf(boards, boardId, monthOf(c), periodStatus)
    if (!report) throw new RequestError(404, '看板不存在')
    return report
  }

  routes.get('/:id/monthly-report', async (c) => c.json(await load(c)))

  routes.get('/:id/monthly-report.docx', async (c) => {
    const report = await load(c)
    // The map as the month ended (回头看), or as it stands while the month runs.
    const monthEnd = Date.UTC(report.month.year, report.month.month, 1) - CHINA_OFFSET_MS
    const map = await mapImage?.(c.req.param('id') ?? '', monthEnd < Date.now() ? monthEnd - 1 : undefined)
    return fileResponse(c, await monthlyReportDocx(report, map), `${report.boardName}-${report.title}月报.docx`, DOCX_TYPE)
  })

  routes.get('/:id/monthly-report.xlsx', async (c) => {
    const report = await load(c)
    return fileResponse(c, await monthlyReportWorkbook(report), `${report.boardName}-${report.title}月报.xlsx`)
  })

  return routes
}
