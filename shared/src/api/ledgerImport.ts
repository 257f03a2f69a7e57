import { z } from 'zod'
import { importPreviewSchema } from '../ledger/importPreview.ts'

/**
 * REST for importing a ledger (`POST /api/boards/:id/import`, multipart). With `?dryRun=1` the
 * answer is the preview itself (`importPreviewSchema`, shared/src/ledger/importPreview.ts).
 */

/** The import was written: how many projects it added, changed and left as they were. */
export const importResultSchema = z.object({
  created: z.number().int().min(0),
  updated: z.number().int().min(0),
  unchanged: z.number().int().min(0),
})
export type ImportResult = z.infer<typeof importResultSchema>

/**
 * 422: some row has an error and nothing was written. The preview is made afresh, because the board
 * may have changed since the dry run.
 */
export const importRefusedSchema = z.object({ error: z.string(), preview: importPreviewSchema })
export type ImportRefused = z.infer<typeof importRefusedSchema>
