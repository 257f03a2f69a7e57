import { Hono } from 'hono'
import { createScreenLinkRequestSchema, type CreateScreenLinkResponse, type ScreenLink, type ScreenLinkListResponse } from '@guatu/shared/api/screenLinks'
import { SecurityEventType } from '@guatu/shared/domain/securityEvent'
import type { AccountService } from '../accounts/accountService.ts'
import type { ScreenLinkRecord } from '../accounts/accountStore.ts'
import type { BoardStorage } from '../storage/boardStorage.ts'
import { RequestError } from '../requestError.ts'
import { requireOffice, type AppEnv } from './appEnv.ts'
import { parseBody } from './parseBody.ts'
import type { SecurityAuditLog } from '../securityAudit/securityAuditLog.ts'
import { auditRequest } from './securityAuditing.ts'
import type { ErrorResponse } from '@guatu/shared/api/errors'

function publicLink(link: ScreenLinkRecord): ScreenLink {
  const { id, boardId, name, createdAt } = link
  return {
    id,
    boardId,
    name,
    createdAt,
    expiresAt: link.expiresAt === null ? null : new Date(link.expiresAt).toISOString(),
    revoked: link.revokedAt !== null,
  }
}

/** Read-only links for wall displays: a long random token, revocable, optionally expiring. */
export function screenLinkRoutes(accounts: AccountService, storage: BoardStorage, audit: SecurityAuditLog): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  routes.get('/', async (c) => {
    requireOffice(c)
    return c.json({ links: (await accounts.listScreenLinks()).map(publicLink) } satisfies ScreenLinkListResponse)
  })

  routes.post('/', async (c) => {
    requireOffice(c)
    const { boardId, name, expiresInDays } = await parseBody(c, createScreenLinkRequestSchema)
    if (!(await storage.getBoard(boardId))) throw new RequestError(404, '看板不存在')
    const { token, link } = await accounts.createScreenLink(boardId, name, expiresInDays)
    await auditRequest(audit, c, { type: SecurityEventType.screenLinkCreated, target: link.id, detail: `看板=${boardId} 名称=${name}` })
    return c.json({ link: publicLink(link), token, url: `/screen/${encodeURIComponent(boardId)}?token=${token}` } satisfies CreateScreenLinkResponse, 201)
  })

  routes.delete('/:id', async (c) => {
    requireOffice(c)
    const revoked = await accounts.revokeScreenLink(c.req.param('id'))
    if (revoked) await auditRequest(audit, c, { type: SecurityEventType.screenLinkRevoked, target: c.req.param('id') })
    return revoked ? c.body(null, 204) : c.json({ error: '大屏链接不存在或已撤销' } satisfies ErrorResponse, 404)
  })

  return routes
}
