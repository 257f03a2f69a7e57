import { z } from 'zod'
import { STAGES, type Stage } from '../domain/stage.ts'
import { COLUMN_CHOICES, type ColumnChoice } from './columnMapping.ts'
import { COORDINATE_SYSTEMS, type CoordinateSystem } from '../geo/coordinateSystem.ts'

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
  /** multipart field: wgs84 | gcj02 | bd09, the system the coordinate columns are in (geo/coordinateSystem.ts). */
  coordinateSystem: 'coordinateSystem',
} as const

/**
 * The preview is paged: a ledger may have up to 20,000 rows and the answer must stay small, so
 * each answer carries one page of rows (query `offset`, `limit`), the first issues, and the
 * counts of everything. The office pages through the rows; the file is read again for each page
 * (the server keeps nothing between requests).
 */
export const IMPORT_PAGE_PARAMS = {
  offset: 'offset',
  limit: 'limit',
} as const
export const PREVIEW_PAGE_ROWS = 200
export const MAX_PREVIEW_PAGE_ROWS = 500
/** Sheet-wide and row errors and warnings listed in one answer (each list); counts give the rest. */
export const MAX_PREVIEW_ISSUES = 200
/** Issues listed under one row: a row of 200 bad cells says enough with the first twenty. */
export const MAX_PREVIEW_ROW_ISSUES = 20
/** Texts quoted from the file (names, headers, issue messages) are cut to this many characters. */
export const MAX_PREVIEW_TEXT_CHARS = 300

/** An error keeps its row out of the import; a warning is for the office to read. */
export const IssueSeverity = {
  error: 'error',
  warning: 'warning',
} as const
export type IssueSeverity = (typeof IssueSeverity)[keyof typeof IssueSeverity]

export const issueSchema = z.object({
  sheetName: z.string().optional(),
  rowNumber: z.number().optional(),
  column: z.string().optional(),
  severity: z.enum(IssueSeverity),
  message: z.string(),
})
export type ImportIssue = z.infer<typeof issueSchema>

/** What an import does with one row of the file; the server decides, the preview shows it. */
export const ImportRowAction = {
  create: 'create',
  update: 'update',
  unchanged: 'unchanged',
  /** The row has an error: an import with any such row writes nothing. */
  error: 'error',
} as const
export type ImportRowAction = (typeof ImportRowAction)[keyof typeof ImportRowAction]

const rowActionSchema = z.enum(ImportRowAction)

export const importPreviewSchema = z.object({
  creates: z.number(),
  updates: z.number(),
  unchanged: z.number(),
  format: z.string(),
  encoding: z.string().optional(),
  sheets: z.array(z.object({ name: z.string(), hasLedger: z.boolean(), chosen: z.boolean(), rows: z.number() })),
  reportDate: z.object({ date: z.string(), source: z.string(), sourceLabel: z.string(), text: z.string() }).optional(),
  /**
   * Which system the coordinate columns were read in, and why: chosen by the office, named in the
   * ledger (a header "经度（高德）" or a note), or the WGS-84 default. Absent when there is no
   * coordinate column. GCJ-02 and BD-09 points are converted, and each row says so.
   */
  coordinateSystem: z
    .object({ system: z.enum(COORDINATE_SYSTEMS as [CoordinateSystem, ...CoordinateSystem[]]), source: z.string(), sourceLabel: z.string(), text: z.string() })
    .optional(),
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
  /** Issues on rows that are no project (a 合计 that disagrees, a section's count): shown above the rows, whatever the page. */
  checks: z.array(issueSchema),
  /** Which rows this answer holds: `rows` are rows offset … offset + rows.length − 1 of `rowCount`. */
  page: z.object({ offset: z.number(), limit: z.number(), rowCount: z.number() }),
  /** Counts over the whole file, whatever this page and the listed issues show. */
  counts: z.object({ errorRows: z.number(), errors: z.number(), warnings: z.number() }),
  totals: z.object({ rows: z.number(), projects: z.number(), totalInvestmentWan: z.string() }),
})
export type ImportPreview = z.infer<typeof importPreviewSchema>
export type ImportPreviewRow = ImportPreview['rows'][number]
