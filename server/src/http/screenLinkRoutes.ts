import { Hono } from 'hono'
import { z } from 'zod'
import { refuseXmlUnsafe } from '@guatu/shared/domain/safeText'
import { SecurityEventType } from '@guatu/shared/domain/securityEvent'
import type { AccountService } from '../accounts/accountService.ts'
import type { ScreenLinkRecord } from '../accounts/accountStore.ts'
import type { BoardStorage } from '../storage/boardStorage.ts'
import { RequestError } from '../requestError.ts'
import { requireOffice, type AppEnv } from './appEnv.ts'
import { parseBody } from './parseBody.ts'
import type { SecurityAuditLog } from '../securityAudit/securityAuditLog.ts'
import { auditRequest } from './securityAuditing.ts'

const createLinkSchema = z.object({
  boardId: z.string({ error: '请选择看板' }).min(1, { error: '请选择看板' }),
  name: z.string({ error: '请填写大屏名称' }).trim().min(1, { error: '请填写大屏名称' }).max(60, { error: '名称过长' }).superRefine(refuseXmlUnsafe('大屏名称')),
  expiresInDays: z
    .number({ error: '有效天数须为数字' })
    .int({ error: '有效天数须为整数' })
    .min(1, { error: '有效天数至少为1天' })
    .max(3650, { error: '有效天数不能超过3650天' })
    .optional(),
})

function publicLink(link: ScreenLinkRecord) {
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
    return c.json({ links: (await accounts.listScreenLinks()).map(publicLink) })
  })

  routes.post('/', async (c) => {
    requireOffice(c)
    const { boardId, name, expiresInDays } = await parseBody(c, createLinkSchema)
    if (!(await storage.getBoard(boardId))) throw new RequestError(404, '看板不存在')
    const { token, link } = await accounts.createScreenLink(boardId, name, expiresInDays)
    await auditRequest(audit, c, { type: SecurityEventType.screenLinkCreated, target: link.id, detail: `看板=${boardId} 名称=${name}` })
    return c.json({ link: publicLink(link), token, url: `/screen/${encodeURIComponent(boardId)}?token=${token}` }, 201)
  })

  routes.delete('/:id', async (c) => {
    requireOffice(c)
    const revoked = await accounts.revokeScreenLink(c.req.param('id'))
    if (revoked) await auditRequest(audit, c, { type: SecurityEventType.screenLinkRevoked, target: c.req.param('id') })
    return revoked ? c.body(null, 204) : c.json({ error: '大屏链接不存在或已撤销' }, 404)
  })

  return routes
}
