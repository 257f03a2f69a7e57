import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { MAX_BOUNDARY_UPLOAD_BYTES, putBoundariesRequestSchema, type BoundariesResponse } from '@guatu/shared/api/boundaries'
import { canManageBoards, canReadBoard } from '@guatu/shared/domain/permissions'
import type { AccountService } from '../accounts/accountService.ts'
import type { BoardService } from '../boards/boardService.ts'
import type { BoundaryService } from '../boundaries/boundaryService.ts'
import { MAP_IMAGE_LIMITS, renderMapPng } from '../boundaries/mapImage.ts'
import { projectPointFeatures, projectsGeoJson } from '../boundaries/projectsGeoJson.ts'
import { RequestError } from '../requestError.ts'
import { requireUser, type AppEnv } from './appEnv.ts'
import { fileResponse } from './fileResponse.ts'
import { parseBody } from './parseBody.ts'
import { photoReader } from './photoRoutes.ts'

const TOO_LARGE = `边界文件过大（最大 ${MAX_BOUNDARY_UPLOAD_BYTES / 1024 / 1024}MB）：请先在 GIS 软件中简化，或只上传本县范围`

/**
 * The office's base map (contract: shared/src/api/boundaries.ts). The upload's size is counted as
 * it arrives (a declared length is refused before any byte is read, a chunked body as soon as it
 * passes the limit), so a 50 MB file never sits in memory whole.
 */
export function boundaryRoutes(boundaries: BoundaryService, boards: BoardService, accounts: AccountService): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  // Same read rules as the board: a screen link (`?token=`) of this board too.
  routes.get('/:id/projects.geojson', async (c) => {
    const boardId = c.req.param('id')
    const principal = await photoReader(c, accounts)
    if (!canReadBoard(principal, boardId)) throw new RequestError(403, '无权查看此看板')
    const exported = await boards.withDoc(boardId, (doc, record) => ({ collection: projectsGeoJson(doc, record.year), name: record.name }))
    if (!exported) throw new RequestError(404, '看板不存在')
    const bytes = new TextEncoder().encode(JSON.stringify(exported.collection))
    return fileResponse(c, bytes, `${exported.name}-项目分布.geojson`, 'application/geo+json')
  })

  routes.get('/:id/map.png', async (c) => {
    const boardId = c.req.param('id')
    const principal = await photoReader(c, accounts)
    if (!canReadBoard(principal, boardId)) throw new RequestError(403, '无权查看此看板')
    const side = (name: string, fallback: number) => {
      const value = Number(c.req.query(name) ?? fallback)
      if (!Number.isInteger(value) || value < MAP_IMAGE_LIMITS.minSide || value > MAP_IMAGE_LIMITS.maxSide)
        throw new RequestError(400, `图片${name === 'width' ? '宽度' : '高度'}须为 ${MAP_IMAGE_LIMITS.minSide}–${MAP_IMAGE_LIMITS.maxSide} 像素的整数`)
      return value
    }
    const width = side('width', 1600)
    const height = side('height', 1000)
    const board = await boards.withDoc(boardId, (doc, record) => ({ points: projectPointFeatures(doc, record.year), name: record.name }))
    if (!board) throw new RequestError(404, '看板不存在')
    const { png } = await renderMapPng({
      title: `${board.name} 项目分布图`,
      boundaries: await boundaries.read(boardId, principal),
      points: board.points,
      width,
      height,
    })
    return c.body(new Uint8Array(png), 200, { 'content-type': 'image/png', 'cache-control': 'private, no-cache' })
  })

  routes.get('/:id/boundaries', async (c) => {
    const principal = await photoReader(c, accounts)
    const result = await boundaries.read(c.req.param('id'), principal)
    c.header('cache-control', 'private, no-cache')
    return c.json(result satisfies BoundariesResponse)
  })

  routes.put(
    '/:id/boundaries',
    bodyLimit({
      maxSize: MAX_BOUNDARY_UPLOAD_BYTES,
      onError: () => {
        throw new RequestError(413, TOO_LARGE)
      },
    }),
    async (c) => {
      const principal = requireUser(c)
      // Judged before the body is parsed: nobody else's file is read at all.
      if (!canManageBoards(principal)) throw new RequestError(403, '只有项目办可以上传县界和乡镇边界')
      const body = await parseBody(c, putBoundariesRequestSchema)
      const result = await boundaries.replace(c.req.param('id'), principal, body)
      return c.json(result satisfies BoundariesResponse)
    },
  )

  return routes
}
