import { Hono } from 'hono'
import { stream } from 'hono/streaming'
import { canReadSecurityAudit } from '@guatu/shared/domain/permissions'
import { RequestError } from '../requestError.ts'
import { securityAuditCsv } from '../securityAudit/exportFormats.ts'
import type { SecurityAuditLog } from '../securityAudit/securityAuditLog.ts'
import { requireUser, type AppContext, type AppEnv } from './appEnv.ts'
import type { ChainVerdict, SecurityAuditExport } from '@guatu/shared/api/securityAudit'

function requireAuditReader(c: AppContext): void {
  if (!canReadSecurityAudit(requireUser(c))) throw new RequestError(403, '只有审计管理员（或未分设三员时的项目办）可以查看安全审计日志')
}

/**
 * The security audit log for the one who reviews it: the export (CSV for reading in a spreadsheet,
 * JSON with the anchor for checking elsewhere) and the chain's verification.
 */
export function securityAuditRoutes(audit: SecurityAuditLog): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  routes.get('/', async (c) => {
    requireAuditReader(c)
    const stamp = new Date().toISOString().slice(0, 10)
    if (c.req.query('format') === 'csv') {
      c.header('content-type', 'text/csv; charset=utf-8')
      c.header('content-disposition', `attachment; filename="security-audit-${stamp}.csv"`)
      return stream(c, async (out) => {
        for await (const chunk of securityAuditCsv(audit.entries())) await out.write(chunk)
      })
    }
    const entries = []
    for await (const entry of audit.entries()) entries.push(entry)
    c.header('content-disposition', `attachment; filename="security-audit-${stamp}.json"`)
    return c.json({ anchor: await audit.anchor(), entries } satisfies SecurityAuditExport)
  })

  routes.get('/verify', async (c) => {
    requireAuditReader(c)
    return c.json((await audit.verify()) satisfies ChainVerdict)
  })

  return routes
}
