import { Hono } from 'hono'
import { parseTileCoordinate, putTileServiceRequestSchema, type TileServiceResponse } from '@guatu/shared/api/tileService'
import { canManageBoards } from '@guatu/shared/domain/permissions'
import { SecurityEventType } from '@guatu/shared/domain/securityEvent'
import type { AccountService } from '../accounts/accountService.ts'
import type { SecurityAuditLog } from '../securityAudit/securityAuditLog.ts'
import { RequestError } from '../requestError.ts'
import { maskedTileTemplate } from '../tiles/maskedTileTemplate.ts'
import type { TileServices } from '../tiles/tileServices.ts'
import { requireUser, type AppEnv } from './appEnv.ts'
import { parseBody } from './parseBody.ts'
import { auditRequest } from './securityAuditing.ts'
import { photoReader } from './photoRoutes.ts'

/** The office's tile service and its proxied tiles (contract: shared/src/api/tileService.ts). */
export function tileRoutes(tiles: TileServices, accounts: AccountService, audit: SecurityAuditLog): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  routes.get('/:id/tile-service', async (c) => {
    const result = await tiles.read(c.req.param('id'), await photoReader(c, accounts))
    c.header('cache-control', 'private, no-cache')
    return c.json(result satisfies TileServiceResponse)
  })

  routes.put('/:id/tile-service', async (c) => {
    const principal = requireUser(c)
    // Judged before the body is parsed: nobody else's address is read at all.
    if (!canManageBoards(principal)) throw new RequestError(403, '只有项目办可以设置底图服务')
    const body = await parseBody(c, putTileServiceRequestSchema)
    const saved = await tiles.replace(c.req.param('id'), principal, body)
    // An address the server will fetch, holding the service's key: security-audited, the key masked.
    await auditRequest(audit, c, {
      type: body ? SecurityEventType.tileServiceSet : SecurityEventType.tileServiceCleared,
      target: c.req.param('id'),
      detail: body ? `地址=${maskedTileTemplate(body.urlTemplate)} 署名=${body.attribution}` : '',
    })
    return c.json(saved satisfies TileServiceResponse)
  })

  routes.get('/:id/tiles/:z/:x/:y', async (c) => {
    const principal = await photoReader(c, accounts)
    const coordinate = parseTileCoordinate({ z: c.req.param('z'), x: c.req.param('x'), y: c.req.param('y') })
    if (!coordinate) throw new RequestError(400, '瓦片编号无效：层级须为 0–18 的整数，行列须在该层级范围内')
    const tile = await tiles.tile(c.req.param('id'), principal, coordinate)
    // A copy: the cached bytes stay the cache's whatever the response stream does with its body.
    return c.body(tile.bytes.slice(), 200, {
      'content-type': tile.contentType,
      'cache-control': 'private, max-age=86400',
      'x-content-type-options': 'nosniff',
    })
  })

  return routes
}
