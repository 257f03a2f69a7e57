import { filterToSearchParams, type ProjectFilter } from '@guatu/shared/board/projectFilter'
import { ApiError, downloadFile, requestJson } from './http.ts'

/** What an import does with one row of the ledger (docs/api.md). */
export const ImportAction = {
  create: 'create',
  update: 'update',
  unchanged: 'unchanged',
  error: 'error',
} as const
export type ImportAction = (typeof ImportAction)[keyof typeof ImportAction]

export const IMPORT_ACTION_LABEL: Record<ImportAction, string> = {
  create: '新建',
  update: '更新',
  unchanged: '无变化',
  error: '错误',
}

export type IssueSeverity = 'error' | 'warning'

export interface ImportIssue {
  rowNumber?: number
  column?: string
  severity: IssueSeverity
  message: string
}

export interface ImportRow {
  rowNumber: number
  action: ImportAction
  name: string
  changes: string[]
  issues: ImportIssue[]
}

export interface ImportPreview {
  creates: number
  updates: number
  unchanged: number
  rows: ImportRow[]
  errors: ImportIssue[]
  warnings: ImportIssue[]
  totals: { rows: number; projects: number; totalInvestmentWan: string }
}

export interface ImportResult {
  created: number
  updated: number
  unchanged: number
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null
const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0)
const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [])

function readIssue(value: unknown): ImportIssue | undefined {
  if (!isRecord(value) || typeof value.message !== 'string') return undefined
  return {
    ...(typeof value.rowNumber === 'number' ? { rowNumber: value.rowNumber } : {}),
    ...(typeof value.column === 'string' ? { column: value.column } : {}),
    severity: value.severity === 'error' ? 'error' : 'warning',
    message: value.message,
  }
}

const issues = (value: unknown) => (Array.isArray(value) ? value.flatMap((issue) => readIssue(issue) ?? []) : [])

function isAction(value: unknown): value is ImportAction {
  return typeof value === 'string' && value in IMPORT_ACTION_LABEL
}

function readRow(value: unknown): ImportRow | undefined {
  if (!isRecord(value) || typeof value.rowNumber !== 'number' || !isAction(value.action)) return undefined
  return {
    rowNumber: value.rowNumber,
    action: value.action,
    name: typeof value.name === 'string' ? value.name : '',
    changes: strings(value.changes),
    issues: issues(value.issues),
  }
}

/** Validates the server's preview; a malformed answer is an error, never a half-shown table. */
export function readImportPreview(value: unknown): ImportPreview {
  if (!isRecord(value) || !Array.isArray(value.rows)) throw new ApiError(500, '服务器返回的导入预览无法识别')
  const totals = isRecord(value.totals) ? value.totals : {}
  return {
    creates: count(value.creates),
    updates: count(value.updates),
    unchanged: count(value.unchanged),
    rows: value.rows.flatMap((row) => readRow(row) ?? []),
    errors: issues(value.errors),
    warnings: issues(value.warnings),
    totals: {
      rows: count(totals.rows),
      projects: count(totals.projects),
      totalInvestmentWan: typeof totals.totalInvestmentWan === 'string' ? totals.totalInvestmentWan : '0',
    },
  }
}

function importPath(boardId: string, dryRun: boolean): string {
  return `/api/boards/${encodeURIComponent(boardId)}/import${dryRun ? '?dryRun=1' : ''}`
}

function fileForm(file: File): FormData {
  const form = new FormData()
  form.append('file', file)
  return form
}

/** Reads the ledger and says what an import would do; writes nothing. */
export async function previewImport(boardId: string, file: File): Promise<ImportPreview> {
  return readImportPreview(await requestJson<unknown>(importPath(boardId, true), { method: 'POST', body: fileForm(file) }))
}

/**
 * Imports the ledger. A 422 means some row has an error and nothing was written; its fresh preview
 * (the board may have changed since the dry run) comes back as `preview`.
 */
export async function commitImport(
  boardId: string,
  file: File,
): Promise<{ ok: true; result: ImportResult } | { ok: false; message: string; preview?: ImportPreview }> {
  try {
    const body = await requestJson<unknown>(importPath(boardId, false), { method: 'POST', body: fileForm(file) })
    const record = isRecord(body) ? body : {}
    return { ok: true, result: { created: count(record.created), updated: count(record.updated), unchanged: count(record.unchanged) } }
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
