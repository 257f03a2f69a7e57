import { Hono } from 'hono'
import { canReadBoard } from '@guatu/shared/domain/permissions'
import { isProjectId } from '@guatu/shared/domain/project'
import { rolloverRequestSchema, type ProjectYears, type RolloverPreview, type RolloverResult, type RollupResponse } from '@guatu/shared/api/years'
import type { YearService } from '../boards/yearService.ts'
import { RequestError } from '../requestError.ts'
import { requireOffice, requirePrincipal, requireReadableBoard, type AppEnv } from './appEnv.ts'
import { parseBody } from './parseBody.ts'

/** REST for the years (mounted at /api): the rollover (office only), a project's years, the rollup. */
export function yearRoutes(years: YearService): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  // The office reads last year's board and makes the next: both steps are the office's alone.
  routes.post('/boards/:id/rollover/preview', async (c) => {
    requireOffice(c)
    const request = await parseBody(c, rolloverRequestSchema)
    return c.json((await years.preview(c.req.param('id'), request)) satisfies RolloverPreview)
  })

  routes.post('/boards/:id/rollover', async (c) => {
    requireOffice(c)
    const request = await parseBody(c, rolloverRequestSchema)
    const result = await years.commit(c.req.param('id'), request)
    return c.json(result satisfies RolloverResult, result.created ? 201 : 200)
  })

  routes.get('/boards/:id/projects/:projectId/years', async (c) => {
    const boardId = c.req.param('id')
    requireReadableBoard(c, boardId)
    const projectId = c.req.param('projectId')
    if (!isProjectId(projectId)) throw new RequestError(400, '项目编号无效')
    const principal = requirePrincipal(c)
    const found = await years.projectYears(boardId, projectId, (id) => canReadBoard(principal, id))
    if (!found) throw new RequestError(404, '项目不存在')
    return c.json(found satisfies ProjectYears)
  })

  // Only the boards the caller may read: a screen link sees its own board, nothing else.
  routes.get('/rollups', async (c) => {
    const principal = requirePrincipal(c)
    return c.json((await years.rollup((id) => canReadBoard(principal, id))) satisfies RollupResponse)
  })

  return routes
}
