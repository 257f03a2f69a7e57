import { z } from 'zod'
import { SecurityEventType, type SecurityEvent } from '../domain/securityEvent.ts'

/** REST for the security audit log (`/api/security-audit`), read by the 审计管理员. */

/** A place in the hash chain: the newest entry's position and hash (written down to compare later). */
export const chainAnchorSchema = z.object({ seq: z.number().int(), hash: z.string() })
export type ChainAnchor = z.infer<typeof chainAnchorSchema>

export const securityEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  type: z.enum(Object.values(SecurityEventType) as [SecurityEventType, ...SecurityEventType[]]),
  actorId: z.string(),
  actorLabel: z.string(),
  address: z.string(),
  target: z.string(),
  detail: z.string(),
  prevHash: z.string(),
  hash: z.string(),
}) satisfies z.ZodType<SecurityEvent>

/** GET /api/security-audit (JSON): every entry, with the anchor the chain starts from, for checking elsewhere. */
export const securityAuditExportSchema = z.object({ anchor: chainAnchorSchema, entries: z.array(securityEventSchema) })
export type SecurityAuditExport = z.infer<typeof securityAuditExportSchema>

/** GET /api/security-audit/verify: the chain is whole up to `head`, or where it first breaks. */
export const chainVerdictSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), checked: z.number().int(), head: chainAnchorSchema }),
  z.object({ ok: z.literal(false), checked: z.number().int(), seq: z.number().int(), problem: z.string() }),
])
export type ChainVerdict = z.infer<typeof chainVerdictSchema>
