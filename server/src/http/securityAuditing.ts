import type { SecurityEventInput, SecurityAuditLog } from '../securityAudit/securityAuditLog.ts'
import { actorOf } from '../securityAudit/securityAuditLog.ts'
import { clientAddress, type AppContext } from './appEnv.ts'

/** Records an event of this request: who (the authenticated principal) and from where. */
export function auditRequest(audit: SecurityAuditLog, c: AppContext, input: SecurityEventInput): Promise<void> {
  return audit.record({ ...actorOf(c.get('principal')), address: clientAddress(c), ...input })
}
