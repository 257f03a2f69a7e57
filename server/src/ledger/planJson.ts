import { COORDINATE_SYSTEM_SOURCE_LABEL } from './coordinateSystemOfLedger.ts'
import { PROBLEM_CATEGORY_LABEL } from '@guatu/shared/domain/problem'
import { PROJECT_FIELD_LABEL, formatFieldValue } from '@guatu/shared/domain/projectFieldLabels'
import {
  MAX_PREVIEW_ISSUES,
  MAX_PREVIEW_ROW_ISSUES,
  MAX_PREVIEW_TEXT_CHARS,
  PREVIEW_PAGE_ROWS,
  type ImportIssue,
  type ImportPreview,
} from '@guatu/shared/ledger/importPreview'
import type { ImportPlan, PlannedUpdate } from './importPlan.ts'
import { STAGE_SOURCE_LABEL } from './inferStage.ts'
import { INFERENCE_SOURCE_LABEL, REPORT_DATE_SOURCE_LABEL, type ParsedLedger } from './ledgerTypes.ts'

/** The REST preview (and the CLI's): counts, the file's sheets and report date, and per row what happens and why. */
export type ImportPlanJson = ImportPreview

const rowKey = (row: { sheetName: string; rowNumber: number }) => `${row.sheetName}\u0000${row.rowNumber}`

/** Which rows of the preview to send: the answer's size is bounded by `limit`, not by the file. */
export interface PreviewPage {
  offset: number
  limit: number
}

export const FIRST_PREVIEW_PAGE: PreviewPage = { offset: 0, limit: PREVIEW_PAGE_ROWS }

/** A text from the file cut to what a preview shows: one cell may hold 32,767 characters. */
const shown = (text: string) => (text.length > MAX_PREVIEW_TEXT_CHARS ? `${text.slice(0, MAX_PREVIEW_TEXT_CHARS)}…` : text)
const shownIssue = (issue: ImportIssue): ImportIssue => ({
  ...issue,
  message: shown(issue.message),
  ...(issue.column !== undefined ? { column: shown(issue.column) } : {}),
})

export function importPlanToJson(plan: ImportPlan, parsed: ParsedLedger, page: PreviewPage = FIRST_PREVIEW_PAGE): ImportPlanJson {
  const updatesByRow = new Map(plan.updates.map((update) => [rowKey(update), update]))
  const counts = new Map<string, { field: string; from: string; count: number }>()
  for (const row of parsed.rows) {
    for (const inference of row.inferred) {
      const key = `${inference.field}\u0000${inference.from}`
      const entry = counts.get(key) ?? { field: PROJECT_FIELD_LABEL[inference.field], from: INFERENCE_SOURCE_LABEL[inference.from], count: 0 }
      entry.count++
      counts.set(key, entry)
    }
  }
  const { reportDate, coordinateSystem } = parsed
  // Some row issues name no sheet (the figure checks): those belong to a project row of that number.
  const projectRows = new Set(plan.rows.map(rowKey))
  const projectRowNumbers = new Set(plan.rows.map((row) => row.rowNumber))
  const onProjectRow = (issue: { sheetName?: string; rowNumber: number }) =>
    issue.sheetName === undefined ? projectRowNumbers.has(issue.rowNumber) : projectRows.has(rowKey({ sheetName: issue.sheetName, rowNumber: issue.rowNumber }))
  const checks = [...plan.errors, ...plan.warnings].filter((issue) => issue.rowNumber !== undefined && !onProjectRow({ ...issue, rowNumber: issue.rowNumber }))
  return {
    creates: plan.creates.length,
    updates: plan.updates.length,
    unchanged: plan.unchanged,
    format: parsed.format,
    ...(parsed.encoding ? { encoding: parsed.encoding } : {}),
    sheets: parsed.sheets.map(({ name, hasLedger, chosen, rows }) => ({ name, hasLedger, chosen, rows })),
    ...(reportDate ? { reportDate: { ...reportDate, sourceLabel: REPORT_DATE_SOURCE_LABEL[reportDate.source] } } : {}),
    ...(coordinateSystem ? { coordinateSystem: { ...coordinateSystem, sourceLabel: COORDINATE_SYSTEM_SOURCE_LABEL[coordinateSystem.source] } } : {}),
    year: parsed.year,
    unknownColumns: parsed.unknownColumns.map(({ sheetName, header, key, suggestion, choice }) => ({
      sheetName,
      header: shown(header),
      key,
      suggestion,
      ...(choice ? { choice } : {}),
    })),
    inferredCounts: [...counts.values()],
    rows: plan.rows.slice(page.offset, page.offset + page.limit).map((row) => {
      const update = updatesByRow.get(rowKey(row))
      const { stage } = row.parsed
      return {
        sheetName: row.sheetName,
        rowNumber: row.rowNumber,
        action: row.action,
        name: shown(row.name),
        stage: stage.stage,
        stageSource: stage.source,
        stageSourceLabel: STAGE_SOURCE_LABEL[stage.source],
        stageEvidence: shown(stage.evidence),
        ...(update ? { changes: describeUpdate(update) } : {}),
        inferred: row.parsed.inferred.map((inference) => shown(inference.message)),
        issues: row.issues.slice(0, MAX_PREVIEW_ROW_ISSUES).map(shownIssue),
      }
    }),
    errors: plan.errors.slice(0, MAX_PREVIEW_ISSUES).map(shownIssue),
    warnings: plan.warnings.slice(0, MAX_PREVIEW_ISSUES).map(shownIssue),
    checks: checks.slice(0, MAX_PREVIEW_ISSUES).map(shownIssue),
    page: { offset: page.offset, limit: page.limit, rowCount: plan.rows.length },
    counts: { errorRows: plan.rows.filter((row) => row.action === 'error').length, errors: plan.errors.length, warnings: plan.warnings.length },
    totals: plan.totals,
  }
}

function describeUpdate(update: PlannedUpdate): string[] {
  return [
    ...update.changes.map(({ field, from, to }) => shown(`${PROJECT_FIELD_LABEL[field]}：${formatFieldValue(field, from)} → ${formatFieldValue(field, to)}`)),
    ...update.newProblems.map((problem) => shown(`新增问题：[${PROBLEM_CATEGORY_LABEL[problem.category]}] ${problem.description}`)),
  ]
}
