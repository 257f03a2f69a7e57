import type { CoordinateSystem } from '@guatu/shared/geo/coordinateSystem'
import { importResultSchema, type ImportResult } from '@guatu/shared/api/ledgerImport'
import { filterToSearchParams, type ProjectFilter } from '@guatu/shared/board/projectFilter'
import type { ColumnMapping } from '@guatu/shared/ledger/columnMapping'
import { IMPORT_OPTION_FIELDS, IMPORT_PAGE_PARAMS, importPreviewSchema, type ImportPreview, type ImportRowAction } from '@guatu/shared/ledger/importPreview'
import { ApiError, downloadFile, requestJson } from './http.ts'

/** How the preview names what an import does with one row (docs/api.md). */
export const IMPORT_ACTION_LABEL: Record<ImportRowAction, string> = {
  create: '新建',
  update: '更新',
  unchanged: '无变化',
  error: '错误',
}

export type { ImportIssue, ImportPreview, ImportPreviewRow } from '@guatu/shared/ledger/importPreview'

/** What the office chose in the preview; sent with the file on every preview and on the commit. */
export interface ImportOptions {
  reportDate?: string
  sheets?: readonly string[]
  mapping?: ColumnMapping
  /** The system the coordinate columns are in; left out, the server reads what the ledger names, else WGS-84. */
  coordinateSystem?: CoordinateSystem
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

/** Validates the server's preview against the shared contract; a malformed answer is an error, never a half-shown table. */
export function readImportPreview(value: unknown): ImportPreview {
  const parsed = importPreviewSchema.safeParse(value)
  if (!parsed.success) throw new ApiError(500, '服务器返回的导入预览无法识别')
  return parsed.data
}

function importPath(boardId: string, dryRun: boolean, offset = 0): string {
  const query = new URLSearchParams()
  if (dryRun) query.set('dryRun', '1')
  if (offset > 0) query.set(IMPORT_PAGE_PARAMS.offset, String(offset))
  const text = query.toString()
  return `/api/boards/${encodeURIComponent(boardId)}/import${text ? `?${text}` : ''}`
}

function fileForm(file: File, options: ImportOptions): FormData {
  const form = new FormData()
  form.append('file', file)
  if (options.reportDate) form.append(IMPORT_OPTION_FIELDS.reportDate, options.reportDate)
  if (options.sheets) form.append(IMPORT_OPTION_FIELDS.sheets, JSON.stringify(options.sheets))
  if (options.coordinateSystem) form.append(IMPORT_OPTION_FIELDS.coordinateSystem, options.coordinateSystem)
  if (options.mapping && Object.keys(options.mapping).length > 0) form.append(IMPORT_OPTION_FIELDS.mapping, JSON.stringify(options.mapping))
  return form
}

/** Reads the ledger and says what an import would do, with the page of rows from `offset`; writes nothing. */
export async function previewImport(boardId: string, file: File, options: ImportOptions = {}, offset = 0): Promise<ImportPreview> {
  return requestJson(importPath(boardId, true, offset), importPreviewSchema, { method: 'POST', body: fileForm(file, options) })
}

/**
 * Imports the ledger. A 422 means some row has an error and nothing was written; its fresh preview
 * (the board may have changed since the dry run) comes back as `preview`.
 */
export async function commitImport(
  boardId: string,
  file: File,
  options: ImportOptions = {},
): Promise<{ ok: true; result: ImportResult } | { ok: false; message: string; preview?: ImportPreview }> {
  try {
    const result = await requestJson(importPath(boardId, false), importResultSchema, { method: 'POST', body: fileForm(file, options) })
    return { ok: true, result }
  } catch (error) {
    if (error instanceof ApiError && error.status === 422 && isRecord(error.body)) {
      try {
        return { ok: false, message: error.message, preview: readImportPreview(error.body.preview) }
      } catch {
        return { ok: false, message: error.message }
      }
    }
    throw error
  }
}

/** Downloads the ledger as .xlsx: the projects `filter` lets through, or all with no filter. */
export function exportLedger(boardId: string, filter: ProjectFilter | undefined, fallbackName: string): Promise<string> {
  const query = filter ? filterToSearchParams(filter).toString() : ''
  return downloadFile(`/api/boards/${encodeURIComponent(boardId)}/export.xlsx${query ? `?${query}` : ''}`, fallbackName)
}
