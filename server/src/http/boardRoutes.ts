import { Hono } from 'hono'
import { z } from 'zod'
import { createBoardRequestSchema, type BoardListResponse, type BoardResponse } from '@guatu/shared/api/boards'
import type { HistoryEntry, HistoryResponse } from '@guatu/shared/api/history'
import { canReadBoard } from '@guatu/shared/domain/permissions'
import { auditSummary, type StoredAuditEntry } from '../audit/auditRecord.ts'
import type { BoardService } from '../boards/boardService.ts'
import { RequestError } from '../requestError.ts'
import { requireReadableBoard, requireOffice, requirePrincipal, type AppEnv } from './appEnv.ts'
import { parseBody } from './parseBody.ts'
import type { ErrorResponse } from '@guatu/shared/api/errors'
import type { BoardDetailResponse } from '@guatu/shared/api/boards'
import { readMoment, readMoments } from './pastMoment.ts'
import { fileResponse } from './fileResponse.ts'
import { changesWorkbook } from '../reports/changesWorkbook.ts'
import { boardChanges } from '../boards/boardChanges.ts'
import type { BoardComparison } from '@guatu/shared/api/lookback'

const historyQuerySchema = z.object({
  projectId: z.string().max(64).optional(),
  limit: z.coerce.number({ error: 'limit 须为数字' }).int().min(1).max(500).default(100),
  before: z.coerce.number({ error: 'before 须为数字' }).int().min(1).optional(),
})

/** A stored history entry as the REST answers give it (also the 项目库's). */
export function publicEntry(entry: StoredAuditEntry): HistoryEntry {
  return {
    id: entry.id,
    at: entry.at,
    actor: { id: entry.actorId, label: entry.actorLabel },
    projectId: entry.projectId,
    recordId: entry.recordId,
    action: entry.action,
    field: entry.field,
    from: entry.from,
    to: entry.to,
    summary: auditSummary(entry),
  }
}

/** REST for boards: list, create, read with every project, and the change history. */
export function boardRoutes(boards: BoardService): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  routes.get('/', async (c) => {
    const principal = requirePrincipal(c)
    const all = await boards.list()
    return c.json({ boards: all.filter((board) => canReadBoard(principal, board.id)) } satisfies BoardListResponse)
  })

  routes.post('/', async (c) => {
    requireOffice(c)
    return c.json({ board: await boards.create(await parseBody(c, createBoardRequestSchema)) } satisfies BoardResponse, 201)
  })

  routes.get('/:id', async (c) => {
    const boardId = c.req.param('id')
    requireReadableBoard(c, boardId)
    const board = await boards.read(boardId, readMoment(c))
    if (!board) return c.json({ error: '看板不存在' } satisfies ErrorResponse, 404)
    return c.json(board satisfies BoardDetailResponse)
  })

  // The whole document as it stood at `?at=` (回头看), one Yjs update for the read-only 历史视图.
  routes.get('/:id/state', async (c) => {
    const boardId = c.req.param('id')
    requireReadableBoard(c, boardId)
    const at = readMoment(c)
    if (at === undefined) throw new RequestError(400, '请用 at 指定要查看的时刻；当前看板请通过同步连接读取')
    const state = await boards.stateAt(boardId, at)
    if (!state) return c.json({ error: '看板不存在' }, 404)
    return c.body(state as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'private, no-store' })
  })

  // 变化对比 (回头看): what changed between two moments, default the end of the last meeting → now.
  routes.get('/:id/changes', async (c) => {
    const boardId = c.req.param('id')
    requireReadableBoard(c, boardId)
    const { from, to } = readMoments(c)
    const comparison = await boardChanges(boards, boardId, { from, to, filter: new URL(c.req.url).searchParams })
    if (!comparison) return c.json({ error: '看板不存在' }, 404)
    return c.json(comparison satisfies BoardComparison)
  })

  // The same as a change list (Excel).
  routes.get('/:id/changes.xlsx', async (c) => {
    const boardId = c.req.param('id')
    requireReadableBoard(c, boardId)
    const { from, to } = readMoments(c)
    const comparison = await boardChanges(boards, boardId, { from, to, filter: new URL(c.req.url).searchParams })
    const record = comparison && (await boards.record(boardId))
    if (!comparison || !record) return c.json({ error: '看板不存在' }, 404)
    return fileResponse(c, await changesWorkbook(record.name, comparison), `${record.name}-变化清单.xlsx`)
  })

  routes.get('/:id/history', async (c) => {
    const boardId = c.req.param('id')
    requireReadableBoard(c, boardId)
    const parsed = historyQuerySchema.safeParse(c.req.query())
    if (!parsed.success) throw new RequestError(400, parsed.error.issues[0]?.message ?? '查询参数无效')
    const { projectId, limit, before } = parsed.data
    const entries = await boards.history(boardId, { projectId, limit, beforeId: before })
    if (!entries) return c.json({ error: '看板不存在' } satisfies ErrorResponse, 404)
    return c.json({ entries: entries.map(publicEntry) } satisfies HistoryResponse)
  })

  return routes
}
