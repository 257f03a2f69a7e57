import { Hono } from 'hono'
import type { ExternalIdentity } from '@guatu/shared/domain/singleSignOn'
import { setExternalIdSchema } from '@guatu/shared/domain/singleSignOn'
import { SecurityEventType } from '@guatu/shared/domain/securityEvent'
import type { AccountService } from '../accounts/accountService.ts'
import type { SsoStore } from '../accounts/oidc/ssoStore.ts'
import { RequestError } from '../requestError.ts'
import type { SecurityAuditLog } from '../securityAudit/securityAuditLog.ts'
import { requireAdmin, type AppEnv } from './appEnv.ts'
import { parseBody } from './parseBody.ts'
import { auditRequest } from './securityAuditing.ts'
import type { ExternalIdResponse, ExternalIdentitiesResponse } from '@guatu/shared/api/externalIds'

/**
 * The office's list of 统一身份账号 (mounted at EXTERNAL_IDS_PATH): who may enter through single
 * sign-on, and as which Guatu account. Open whether or not SSO is configured yet, so the office
 * can prepare it before turning it on.
 * When an account's 统一身份账号 changes or is removed, whoever signed in under the old one is
 * signed out: sessions ended and open connections closed on every process. Every change is in the
 * security audit log: it decides who may enter as whom.
 */
export function externalIdRoutes(accounts: AccountService, store: SsoStore, audit: SecurityAuditLog): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  routes.get('/', async (c) => {
    requireAdmin(c)
    return c.json({ identities: await store.listExternalIds() } satisfies ExternalIdentitiesResponse)
  })

  routes.put('/:userId', async (c) => {
    requireAdmin(c)
    const userId = c.req.param('userId')
    const { externalId } = await parseBody(c, setExternalIdSchema)
    const user = (await accounts.listUsers()).find((candidate) => candidate.id === userId)
    if (!user) throw new RequestError(404, '用户不存在')
    const previous = (await store.listExternalIds()).find((identity) => identity.userId === userId)?.externalId
    if (!(await store.setExternalId(userId, externalId))) {
      throw new RequestError(409, `统一身份账号「${externalId}」已对应其他用户`)
    }
    if (previous !== undefined && previous !== externalId) await accounts.endSessions(userId)
    if (previous !== externalId) {
      const detail =
        externalId === null ? `移除统一身份账号「${previous}」` : `统一身份账号：${previous === undefined ? '' : `「${previous}」→`}「${externalId}」`
      await auditRequest(audit, c, { type: SecurityEventType.userChanged, target: userId, detail })
    }
    const identity: ExternalIdentity | null = externalId === null ? null : { userId, externalId }
    return c.json({ identity } satisfies ExternalIdResponse)
  })

  return routes
}
