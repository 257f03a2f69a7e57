import { z } from 'zod'
import { issueSchema } from '../ledger/importPreview.ts'

/**
 * REST for importing a 项目库 workbook (`POST /api/reserve/import`, multipart field `file`; the
 * 项目办 only). With `?dryRun=1` the answer is the preview; without it the import is written, or
 * refused whole (422, with a fresh preview) when any row has an error.
 */

/** What the import does with one row; the server decides, the preview shows it. */
export const ReserveImportAction = {
  create: 'create',
  update: 'update',
  unchanged: 'unchanged',
  /** The candidate is on a year's board already: it no longer changes, the row's differences are shown only. */
  kept: 'kept',
  /** The row has an error: an import with any such row writes nothing. */
  error: 'error',
} as const
export type ReserveImportAction = (typeof ReserveImportAction)[keyof typeof ReserveImportAction]

export const RESERVE_IMPORT_ACTION_LABEL: Record<ReserveImportAction, string> = {
  create: '新增',
  update: '更新',
  unchanged: '无变化',
  kept: '已列入看板，不修改',
  error: '有错误，不导入',
}

/** How a row found its existing candidate: 项目代码 first, then 项目名称 + 责任单位. */
export const ReserveMatch = { projectCode: 'projectCode', nameUnit: 'nameUnit' } as const
export type ReserveMatch = (typeof ReserveMatch)[keyof typeof ReserveMatch]
export const RESERVE_MATCH_LABEL: Record<ReserveMatch, string> = {
  projectCode: '按项目代码匹配',
  nameUnit: '按项目名称和责任单位匹配',
}

/** Rows listed in one preview; a reserve is a few hundred rows, the counts cover any more. */
export const MAX_RESERVE_PREVIEW_ROWS = 2000

export const reserveImportRowSchema = z.object({
  sheetName: z.string(),
  rowNumber: z.number(),
  action: z.enum(ReserveImportAction),
  name: z.string(),
  unit: z.string(),
  matchedBy: z.enum(ReserveMatch).optional(),
  candidateId: z.string().optional(),
  /** "储备级别：谋划储备 → 前期推进", for an update (or a kept candidate's differences). */
  changes: z.array(z.string()),
  /** What was not read outright, with its source ("储备级别按文字“前期”推定为“前期推进”"). */
  inferred: z.array(z.string()),
  issues: z.array(issueSchema),
})
export type ReserveImportRow = z.infer<typeof reserveImportRowSchema>

export const reserveImportPreviewSchema = z.object({
  creates: z.number(),
  updates: z.number(),
  unchanged: z.number(),
  kept: z.number(),
  errorRows: z.number(),
  /** All project rows of the file; `rows` lists the first MAX_RESERVE_PREVIEW_ROWS of them. */
  rowCount: z.number(),
  rows: z.array(reserveImportRowSchema),
  /** About the file as a whole (a missing 储备级别 column, a 合计 that does not add up). */
  notes: z.array(issueSchema),
})
export type ReserveImportPreview = z.infer<typeof reserveImportPreviewSchema>

export const reserveImportResultSchema = z.object({ created: z.number(), updated: z.number(), unchanged: z.number(), kept: z.number() })
export type ReserveImportResult = z.infer<typeof reserveImportResultSchema>

export const reserveImportRefusedSchema = z.object({ error: z.string(), preview: reserveImportPreviewSchema })
export type ReserveImportRefused = z.infer<typeof reserveImportRefusedSchema>
