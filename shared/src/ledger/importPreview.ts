import { z } from 'zod'
import { STAGES, type Stage } from '../domain/stage.ts'
import { COLUMN_CHOICES, type ColumnChoice } from './columnMapping.ts'

/**
 * The REST contract of `POST /api/boards/:id/import` (docs/api.md): the options the office sends
 * with the file, and the preview the server answers. Defined once, used by server, client and tests.
 */

export const IMPORT_OPTION_FIELDS = {
  /** multipart field: YYYY-MM-DD, the 填报日期 the office gave in the preview. */
  reportDate: 'reportDate',
  /** multipart field: JSON array of sheet names to read. */
  sheets: 'sheets',
  /** multipart field: JSON object, header key → ColumnChoice. */
  mapping: 'mapping',
} as const

const issueSchema = z.object({
  sheetName: z.string().optional(),
  rowNumber: z.number().optional(),
  column: z.string().optional(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
})
export type ImportIssue = z.infer<typeof issueSchema>

const rowActionSchema = z.enum(['create', 'update', 'unchanged', 'error'])

export const importPreviewSchema = z.object({
  creates: z.number(),
  updates: z.number(),
  unchanged: z.number(),
  format: z.string(),
  encoding: z.string().optional(),
  sheets: z.array(z.object({ name: z.string(), hasLedger: z.boolean(), chosen: z.boolean(), rows: z.number() })),
  reportDate: z.object({ date: z.string(), source: z.string(), sourceLabel: z.string(), text: z.string() }).optional(),
  year: z.number(),
  unknownColumns: z.array(
    z.object({
      sheetName: z.string(),
      header: z.string(),
      key: z.string(),
      suggestion: z.enum(COLUMN_CHOICES as [ColumnChoice, ...ColumnChoice[]]),
      choice: z.enum(COLUMN_CHOICES as [ColumnChoice, ...ColumnChoice[]]).optional(),
    }),
  ),
  /** "产业类别 · 按项目名称推定" → 3: what was inferred, and from what. */
  inferredCounts: z.array(z.object({ field: z.string(), from: z.string(), count: z.number() })),
  rows: z.array(
    z.object({
      sheetName: z.string(),
      rowNumber: z.number(),
      action: rowActionSchema,
      name: z.string(),
      stage: z.enum(STAGES as [Stage, ...Stage[]]),
      stageSource: z.string(),
      stageSourceLabel: z.string(),
      stageEvidence: z.string(),
      changes: z.array(z.string()).optional(),
      inferred: z.array(z.string()),
      issues: z.array(issueSchema),
    }),
  ),
  errors: z.array(issueSchema),
  warnings: z.array(issueSchema),
  totals: z.object({ rows: z.number(), projects: z.number(), totalInvestmentWan: z.string() }),
})
export type ImportPreview = z.infer<typeof importPreviewSchema>
export type ImportPreviewRow = ImportPreview['rows'][number]
