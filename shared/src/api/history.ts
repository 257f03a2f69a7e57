import { z } from 'zod'

/** REST for a board's change history (`GET /api/boards/:id/history`), newest first. */

/** One change as the server recorded it, stamped with the authenticated sender. */
export const historyEntrySchema = z.object({
  /** Increasing with time: `?before=<id>` pages back from here. */
  id: z.number().int(),
  /** ISO 8601 time of the change. */
  at: z.string(),
  actor: z.object({ id: z.string(), label: z.string() }),
  projectId: z.string(),
  /** The problem or 督办单 the entry is about (their events), else null. */
  recordId: z.string().nullable(),
  /**
   * The server's AuditAction (shared/src/domain/auditAction.ts). Text here, not a closed set: a newer
   * server may record actions an older page does not know, and the page shows their summary.
   */
  action: z.string(),
  field: z.string().nullable(),
  /** Old and new document values; for a move, stage ids. */
  from: z.unknown(),
  to: z.unknown(),
  /** The readable sentence, made when read. */
  summary: z.string(),
})
export type HistoryEntry = z.infer<typeof historyEntrySchema>

export const historyResponseSchema = z.object({ entries: z.array(historyEntrySchema) })
export type HistoryResponse = z.infer<typeof historyResponseSchema>
