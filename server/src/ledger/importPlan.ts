import type * as Y from 'yjs'
import { listProblems } from '@guatu/shared/board/problemQueries'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { centsToWan, sumCents, type WanAmount } from '@guatu/shared/domain/money'
import type { Project, ProjectField, ProjectId } from '@guatu/shared/domain/project'
import { PROJECT_FIELD_LABEL } from '@guatu/shared/domain/projectFieldLabels'
import { ImportRowAction } from '@guatu/shared/ledger/importPreview'
import { IssueSeverity, type LedgerFields, type LedgerIssue, type LedgerProblem, type ParsedLedger, type ParsedRow } from './ledgerTypes.ts'
import { figureWarnings } from './figureWarnings.ts'
import { normalizeProblemDescription, normalizeProjectName } from './projectName.ts'

export interface FieldChange {
  field: ProjectField
  from: unknown
  to: unknown
}

export interface PlannedCreate {
  sheetName: string
  rowNumber: number
  fields: LedgerFields
  problems: LedgerProblem[]
}

export interface PlannedUpdate {
  sheetName: string
  rowNumber: number
  projectId: ProjectId
  changes: FieldChange[]
  newProblems: LedgerProblem[]
}

export interface PlannedRow {
  sheetName: string
  rowNumber: number
  action: ImportRowAction
  name: string
  projectId?: ProjectId
  issues: LedgerIssue[]
  /** The parsed row: its stage reading and inferences, for the preview. */
  parsed: ParsedRow
}

export interface ImportPlan {
  creates: PlannedCreate[]
  updates: PlannedUpdate[]
  unchanged: number
  /** Every project row in ledger order, with what the import does with it. */
  rows: PlannedRow[]
  errors: LedgerIssue[]
  warnings: LedgerIssue[]
  totals: {
    /** Project rows read (not headings, 小计, notes). */
    rows: number
    /** Rows without errors: what the board will hold from this ledger. */
    projects: number
    /** Sum of 总投资 over those rows, exact. */
    totalInvestmentWan: WanAmount
  }
}

/**
 * Works out what importing a parsed ledger into a board would do, without writing. A row is the
 * same project as a card when their 项目代码 match, else when their names match (normalizeProjectName); then only the fields the
 * ledger states and that differ become changes — an empty cell, or a value the parser had to
 * default, never overwrites what the board has. Problems already on the card (same description)
 * are not raised again, so importing the same ledger twice changes nothing; within one cell every
 * item counts, since a ledger may list the same difficulty twice (once solved, once open again).
 */
/** Where a row is, as the office finds it: "「城关镇」第5行" when the workbook has several sheets. */
export function rowPlace(row: { sheetName?: string; rowNumber: number }, manySheets: boolean): string {
  return manySheets && row.sheetName ? `「${row.sheetName}」第${row.rowNumber}行` : `第${row.rowNumber}行`
}

export function planLedgerImport(doc: Y.Doc, parsed: ParsedLedger): ImportPlan {
  const manySheets = parsed.sheets.filter((sheet) => sheet.chosen).length > 1
  const existing = indexByName(listProjects(doc))
  const problemsByProject = existingProblemDescriptions(doc)
  const plan: ImportPlan = {
    creates: [],
    updates: [],
    unchanged: 0,
    rows: [],
    errors: parsed.issues.filter((issue) => issue.severity === IssueSeverity.error),
    warnings: parsed.issues.filter((issue) => issue.severity === IssueSeverity.warning),
    totals: { rows: parsed.rows.length, projects: 0, totalInvestmentWan: centsToWan(0) },
  }
  const byCode = indexByCode(listProjects(doc))
  const firstRowByName = new Map<string, ParsedRow>()
  const firstRowByCode = new Map<string, ParsedRow>()
  const imported: ParsedRow[] = []
  for (const row of parsed.rows) {
    const issues = [...row.issues]
    const name = row.fields.name ?? ''
    const key = normalizeProjectName(name)
    const code = row.fields.projectCode
    const earlier = firstRowByName.get(key)
    if (name !== '' && earlier !== undefined) {
      issues.push({
        sheetName: row.sheetName,
        rowNumber: row.rowNumber,
        column: PROJECT_FIELD_LABEL.name,
        severity: IssueSeverity.error,
        message: `项目名称与${rowPlace(earlier, manySheets)}重复`,
      })
    } else if (name !== '') {
      firstRowByName.set(key, row)
    }
    const earlierCode = code === undefined ? undefined : firstRowByCode.get(code)
    if (code !== undefined && earlierCode !== undefined) {
      issues.push({
        sheetName: row.sheetName,
        rowNumber: row.rowNumber,
        column: PROJECT_FIELD_LABEL.projectCode,
        severity: IssueSeverity.error,
        message: `项目代码${code}与${rowPlace(earlierCode, manySheets)}重复`,
      })
    } else if (code !== undefined) {
      firstRowByCode.set(code, row)
    }
    // 项目代码 first: a project renamed between ledgers keeps its code, so it updates, not duplicates.
    const match = matchProject(row, key, byCode, existing)
    if (match.conflict)
      issues.push({
        sheetName: row.sheetName,
        rowNumber: row.rowNumber,
        column: PROJECT_FIELD_LABEL.projectCode,
        severity: IssueSeverity.error,
        message: match.conflict,
      })
    const project = match.project
    issues.push(...figureWarnings(row, project))
    plan.errors.push(...issues.filter((issue) => issue.severity === IssueSeverity.error))
    plan.warnings.push(...issues.filter((issue) => issue.severity === IssueSeverity.warning))
    if (issues.some((issue) => issue.severity === IssueSeverity.error)) {
      plan.rows.push({ sheetName: row.sheetName, rowNumber: row.rowNumber, action: ImportRowAction.error, name, issues, parsed: row })
      continue
    }
    imported.push(row)
    if (!project) {
      plan.creates.push({ sheetName: row.sheetName, rowNumber: row.rowNumber, fields: row.fields, problems: row.problems })
      plan.rows.push({ sheetName: row.sheetName, rowNumber: row.rowNumber, action: ImportRowAction.create, name, issues, parsed: row })
      continue
    }
    const changes = diffFields(project, row)
    const known = problemsByProject.get(project.id)
    const newProblems = known ? row.problems.filter((problem) => !known.has(normalizeProblemDescription(problem.description))) : row.problems
    const action = changes.length === 0 && newProblems.length === 0 ? ImportRowAction.unchanged : ImportRowAction.update
    if (action === ImportRowAction.update)
      plan.updates.push({ sheetName: row.sheetName, rowNumber: row.rowNumber, projectId: project.id, changes, newProblems })
    else plan.unchanged++
    plan.rows.push({ sheetName: row.sheetName, rowNumber: row.rowNumber, action, name, projectId: project.id, issues, parsed: row })
  }
  plan.totals.projects = imported.length
  plan.totals.totalInvestmentWan = centsToWan(sumCents(imported.flatMap((row) => (row.fields.totalInvestment ? [row.fields.totalInvestment] : []))))
  return plan
}

/**
 * The card a row is: the one with its 项目代码, else the one with its name — unless that card
 * carries a different 项目代码, which says they are two projects of one name; the office decides
 * (no silent guess), so the row is an error naming the card's code.
 */
function matchProject(
  row: ParsedRow,
  nameKey: string,
  byCode: ReadonlyMap<string, Project>,
  byName: ReadonlyMap<string, Project>,
): { project?: Project; conflict?: string } {
  const code = row.fields.projectCode
  const coded = code === undefined ? undefined : byCode.get(code)
  if (coded) return { project: coded }
  const named = byName.get(nameKey)
  if (!named) return {}
  if (code !== undefined && named.projectCode !== undefined && named.projectCode !== code) {
    return { conflict: `项目代码${code}与看板上同名项目的项目代码${named.projectCode}不同，请核对是否为同一项目` }
  }
  return { project: named }
}

function indexByCode(projects: readonly Project[]): Map<string, Project> {
  const index = new Map<string, Project>()
  const ordered = [...projects].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  for (const project of ordered) if (project.projectCode !== undefined && !index.has(project.projectCode)) index.set(project.projectCode, project)
  return index
}

function indexByName(projects: readonly Project[]): Map<string, Project> {
  const index = new Map<string, Project>()
  // The first card of a name wins: a board that already holds two cards of one name is the
  // office's to sort out, and an import must not pick a different one each time.
  const ordered = [...projects].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  for (const project of ordered) {
    const key = normalizeProjectName(project.name)
    if (!index.has(key)) index.set(key, project)
  }
  return index
}

function existingProblemDescriptions(doc: Y.Doc): Map<ProjectId, Set<string>> {
  const byProject = new Map<ProjectId, Set<string>>()
  for (const problem of listProblems(doc)) {
    const set = byProject.get(problem.projectId) ?? new Set<string>()
    set.add(normalizeProblemDescription(problem.description))
    byProject.set(problem.projectId, set)
  }
  return byProject
}

function diffFields(project: Project, row: ParsedRow): FieldChange[] {
  const changes: FieldChange[] = []
  for (const [field, to] of Object.entries(row.fields) as [ProjectField, unknown][]) {
    if (to === undefined || row.defaulted.includes(field)) continue
    const from = (project as Record<string, unknown>)[field]
    if (!sameValue(from, to)) changes.push({ field, from, to })
  }
  return changes
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => item === b[index])
  return a === b
}
