import { Hono } from 'hono'
import { z } from 'zod'
import { isIsoDate, type IsoDate } from '@guatu/shared/domain/dates'
import { RankingGroup } from '@guatu/shared/progress/ranking'
import { progressReport, weeklyRanking } from '../boards/boardReports.ts'
import type { BoardService } from '../boards/boardService.ts'
import { rankingWorkbook } from '../reports/rankingWorkbook.ts'
import { RequestError } from '../requestError.ts'
import { requireReadableBoard, type AppContext, type AppEnv } from './appEnv.ts'
import { fileResponse } from './fileResponse.ts'
import type { ErrorResponse } from '@guatu/shared/api/errors'
import type { ProgressReport, WeeklyRankingResponse } from '@guatu/shared/api/reports'
import type { ReportingStatusResponse } from '@guatu/shared/api/reporting'
import { readMoment } from './pastMoment.ts'
import { reportingStatus } from '../reporting/reportingStatus.ts'

const isoDate = (label: string) => z.custom<IsoDate>(isIsoDate, { error: `${label}须为有效日期（如 2022-08-20）` })
const progressQuery = z.object({ asOf: isoDate('asOf').optional() })
const reportingQuery = z.object({ period: z.string({ error: 'period 须为文字' }).max(10, { error: 'period 无效' }).optional() })
const rankingQuery = z.object({
  week: isoDate('week').optional(),
  by: z.enum([RankingGroup.unit, RankingGroup.leader], { error: 'by 须为 unit 或 leader' }).default(RankingGroup.unit),
})

function query<T extends z.ZodType>(c: AppContext, schema: T): z.infer<T> {
  const parsed = schema.safeParse(c.req.query())
  if (!parsed.success) throw new RequestError(400, parsed.error.issues[0]?.message ?? '查询参数无效')
  return parsed.data
}

/** Targets against 序时进度, lights, and the weekly ranking: for pages, the wall screen and scripts. */
export function reportRoutes(boards: BoardService): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  routes.get('/:id/progress', async (c) => {
    const boardId = c.req.param('id')
    requireReadableBoard(c, boardId)
    const { asOf } = query(c, progressQuery)
    const report = await boards.withDoc(boardId, (doc, record) => progressReport(doc, record.year, asOf), readMoment(c))
    return report ? c.json(report satisfies ProgressReport) : c.json({ error: '看板不存在' } satisfies ErrorResponse, 404)
  })

  routes.get('/:id/ranking', async (c) => {
    const boardId = c.req.param('id')
    requireReadableBoard(c, boardId)
    const { week, by } = query(c, rankingQuery)
    const ranking = await boards.withDoc(boardId, (doc, record) => weeklyRanking(doc, record.year, week, by), readMoment(c))
    return ranking ? c.json(ranking satisfies WeeklyRankingResponse) : c.json({ error: '看板不存在' } satisfies ErrorResponse, 404)
  })

  routes.get('/:id/reporting', async (c) => {
    const boardId = c.req.param('id')
    requireReadableBoard(c, boardId)
    const { period } = query(c, reportingQuery)
    const status = await boards.withDoc(boardId, (doc) => reportingStatus(doc, period), readMoment(c))
    if (status === undefined) return c.json({ error: '看板不存在' } satisfies ErrorResponse, 404)
    if (status === 'badPeriod') return c.json({ error: '报送期无效：应为本看板报送周期的编号（如 2026-12 或 2026-W49）' } satisfies ErrorResponse, 400)
    return c.json(status satisfies ReportingStatusResponse)
  })

  routes.get('/:id/ranking.xlsx', async (c) => {
    const boardId = c.req.param('id')
    requireReadableBoard(c, boardId)
    const { week, by } = query(c, rankingQuery)
    const result = await boards.withDoc(boardId, (doc, record) => ({ name: record.name, ranking: weeklyRanking(doc, record.year, week, by) }), readMoment(c))
    if (!result) return c.json({ error: '看板不存在' } satisfies ErrorResponse, 404)
    const file = await rankingWorkbook(result.name, result.ranking)
    return fileResponse(c, file, `${result.name}-一周一晾晒-${result.ranking.week.from}.xlsx`)
  })

  return routes
}
