import { PROJECT_FIELD_LABEL, formatFieldValue } from '@guatu/shared/domain/projectFieldLabels'
import type { ProjectField } from '@guatu/shared/domain/project'
import {
  CANDIDATE_LEDGER_FIELDS,
  RESERVE_LEVEL_LABEL,
  ReserveLevel,
  candidateFieldSchemas,
  candidateInputSchema,
  candidatePatchSchema,
  isMoved,
  reserveLevelFromLabel,
  type Candidate,
  type CandidateId,
  type CandidateInput,
  type CandidatePatch,
} from '@guatu/shared/domain/reserveCandidate'
import { MAX_RESERVE_PREVIEW_ROWS, ReserveImportAction, ReserveMatch, type ReserveImportPreview, type ReserveImportRow } from '@guatu/shared/api/reserveImport'
import { MAX_PREVIEW_TEXT_CHARS } from '@guatu/shared/ledger/importPreview'
import type { ExtraColumnRule } from '../ledger/findTable.ts'
import { InferenceSource, IssueSeverity, type ExtraCell, type LedgerIssue, type ParsedLedger, type ParsedRow } from '../ledger/ledgerTypes.ts'

/**
 * The 项目库 workbook is read by the ledger parser (one parser for both): the usual ledger
 * columns, plus these named columns it hands over as text. 审核状态 and 退回原因 (in our own
 * export) are recognised only so they are not offered as unknown columns: vetting is never imported.
 */
export const RESERVE_EXTRA_COLUMNS: readonly ExtraColumnRule[] = [
  { key: 'level', pattern: /^(储备级别|储备等级|储备层级|储备类别|项目储备级别)$/ },
  { key: 'sourceUnit', pattern: /^(来源单位|申报单位|提出单位|推荐单位)$/ },
  { key: 'status', pattern: /^(审核状态|审核情况)$/ },
  { key: 'returnReason', pattern: /^退回原因$/ },
]

/** The project fields a candidate keeps: what the parser's notes about missing columns should name. */
export const RESERVE_KEPT_FIELDS: readonly ProjectField[] = CANDIDATE_LEDGER_FIELDS

/** One row's outcome, with what the commit writes for it. */
export interface PlannedRow {
  preview: ReserveImportRow
  create?: CandidateInput
  update?: { id: CandidateId; patch: CandidatePatch; before: Candidate }
}

export interface ReserveImportPlan {
  rows: PlannedRow[]
  preview: ReserveImportPreview
}

const LEVEL_WORDS: readonly (readonly [RegExp, ReserveLevel])[] = [
  [/(拟列|拟入|年度计划|列入计划|计划项目)/, ReserveLevel.proposed],
  [/(前期|推进)/, ReserveLevel.preparing],
  [/(谋划|储备|策划)/, ReserveLevel.planning],
]

type LevelReading = { level: ReserveLevel; inferred?: string } | { error: string } | undefined

/** 储备级别 as written ("前期推进") or in other words ("前期阶段"), which the preview notes. */
export function readReserveLevel(cell: ExtraCell | undefined): LevelReading {
  if (!cell) return undefined
  const exact = reserveLevelFromLabel(cell.text)
  if (exact) return { level: exact }
  const word = LEVEL_WORDS.find(([pattern]) => pattern.test(cell.text))
  if (word) return { level: word[1], inferred: `储备级别按文字“${cell.text}”推定为“${RESERVE_LEVEL_LABEL[word[1]]}”` }
  return { error: `储备级别“${cell.text}”无法识别，应为${Object.values(RESERVE_LEVEL_LABEL).join('、')}` }
}

const nameUnitKey = (name: string, unit: string) => `${name.trim()}\u0000${unit.trim()}`
const cut = (text: string) => (text.length > MAX_PREVIEW_TEXT_CHARS ? `${text.slice(0, MAX_PREVIEW_TEXT_CHARS)}…` : text)
const KEPT = new Set<string>(CANDIDATE_LEDGER_FIELDS)
const EXTRA_LABEL = { level: '储备级别', sourceUnit: '来源单位' } as const

/**
 * What importing `parsed` into a reserve holding `candidates` would do, row by row. Matching is by
 * 项目代码 first, then 项目名称 + 责任单位, so a re-import (or our own export read back) updates the
 * same candidates and adds none. New candidates are 待审核 like any proposal; an import never vets.
 */
export function planReserveImport(parsed: ParsedLedger, candidates: readonly Candidate[]): ReserveImportPlan {
  const byCode = new Map<string, Candidate>()
  const byNameUnit = new Map<string, Candidate>()
  for (const candidate of candidates) {
    if (candidate.projectCode && !byCode.has(candidate.projectCode)) byCode.set(candidate.projectCode, candidate)
    const key = nameUnitKey(candidate.name, candidate.unit)
    if (!byNameUnit.has(key)) byNameUnit.set(key, candidate)
  }
  const firstRowOf = new Map<string, number>()
  const rows = parsed.rows.map((row) => planRow(row, byCode, byNameUnit, firstRowOf))
  const count = (action: ReserveImportAction) => rows.filter((row) => row.preview.action === action).length
  return {
    rows,
    preview: {
      creates: count(ReserveImportAction.create),
      updates: count(ReserveImportAction.update),
      unchanged: count(ReserveImportAction.unchanged),
      kept: count(ReserveImportAction.kept),
      errorRows: count(ReserveImportAction.error),
      rowCount: rows.length,
      rows: rows.slice(0, MAX_RESERVE_PREVIEW_ROWS).map((row) => row.preview),
      notes: [...fileNotes(parsed), ...parsed.issues].map((issue) => ({ ...issue, message: cut(issue.message) })),
    },
  }
}

function fileNotes(parsed: ParsedLedger): LedgerIssue[] {
  const notes: LedgerIssue[] = []
  if (!parsed.extraColumns.includes('level'))
    notes.push({ severity: IssueSeverity.warning, message: '表中没有“储备级别”列：新增的储备项目按“谋划储备”导入，已有的保持原级别' })
  if (!parsed.extraColumns.includes('sourceUnit'))
    notes.push({ severity: IssueSeverity.warning, message: '表中没有“来源单位”列：新增的储备项目以责任单位为来源单位' })
  if (parsed.extraColumns.includes('status') || parsed.extraColumns.includes('returnReason'))
    notes.push({ severity: IssueSeverity.warning, message: '“审核状态”“退回原因”列不导入：审核在项目库中逐项进行并留有记录，新增的储备项目为“待审核”' })
  return notes
}

function planRow(row: ParsedRow, byCode: Map<string, Candidate>, byNameUnit: Map<string, Candidate>, firstRowOf: Map<string, number>): PlannedRow {
  const issues: LedgerIssue[] = [...row.issues]
  const error = (message: string, column?: string) =>
    issues.push({ sheetName: row.sheetName, rowNumber: row.rowNumber, ...(column ? { column } : {}), severity: IssueSeverity.error, message })
  const name = row.fields.name ?? ''
  const unit = row.fields.unit ?? ''
  const code = row.fields.projectCode

  // Which candidate the row is: 项目代码 first; a same-named one with another code is a question for the office.
  let match: { candidate: Candidate; by: ReserveMatch } | undefined
  const coded = code ? byCode.get(code) : undefined
  if (coded) match = { candidate: coded, by: ReserveMatch.projectCode }
  else {
    const named = byNameUnit.get(nameUnitKey(name, unit))
    if (named?.projectCode && code && named.projectCode !== code)
      error(`项目库中已有同名同单位的“${named.name}”，但项目代码不同（库中为 ${named.projectCode}）：请核对项目代码`, PROJECT_FIELD_LABEL.projectCode)
    else if (named) match = { candidate: named, by: ReserveMatch.nameUnit }
  }
  const identity = match ? `id:${match.candidate.id}` : code ? `code:${code}` : `name:${nameUnitKey(name, unit)}`
  const earlier = firstRowOf.get(identity) ?? (code || !match ? undefined : firstRowOf.get(`name:${nameUnitKey(name, unit)}`))
  if (earlier !== undefined) error(`与第${earlier}行是同一项目：请删去重复的行`)
  else {
    firstRowOf.set(identity, row.rowNumber)
    if (name !== '' && unit !== '') firstRowOf.set(`name:${nameUnitKey(name, unit)}`, row.rowNumber)
  }

  // An existing candidate keeps what the row leaves unset or only guesses: no note about those.
  const inferred = row.inferred
    .filter((entry) => KEPT.has(entry.field) && !(match && (row.defaulted.includes(entry.field) || entry.from === InferenceSource.unset)))
    .map((entry) => entry.message)
  const values: Record<string, unknown> = {}
  for (const field of CANDIDATE_LEDGER_FIELDS) {
    const value = row.fields[field]
    // Weak guesses (产业类别 from a name) fill a new candidate only; an existing one keeps its own.
    if (value !== undefined && !(match && row.defaulted.includes(field))) values[field] = value
  }
  const level = readReserveLevel(row.extra.level)
  if (level && 'error' in level) error(level.error, row.extra.level?.header)
  else if (level) {
    values.level = level.level
    if (level.inferred) inferred.push(level.inferred)
  } else if (!match) {
    values.level = ReserveLevel.planning
    inferred.push(`储备级别未填写，按“${RESERVE_LEVEL_LABEL.planning}”导入，请核对`)
  }
  const sourceUnit = row.extra.sourceUnit
  if (sourceUnit) {
    const checked = candidateFieldSchemas.sourceUnit.safeParse(sourceUnit.text)
    if (checked.success) values.sourceUnit = checked.data
    else error(checked.error.issues[0]?.message ?? '来源单位无效', sourceUnit.header)
  } else if (!match && unit !== '') inferred.push(`来源单位未填写，按责任单位“${unit}”导入`)

  const preview: ReserveImportRow = {
    sheetName: row.sheetName,
    rowNumber: row.rowNumber,
    action: ReserveImportAction.unchanged,
    name: cut(name),
    unit: cut(unit),
    ...(match ? { matchedBy: match.by, candidateId: match.candidate.id } : {}),
    changes: [],
    inferred: inferred.map(cut),
    issues: [],
  }
  const finish = (action: ReserveImportAction, planned: Omit<PlannedRow, 'preview'> = {}): PlannedRow => {
    preview.issues = issues.map((issue) => ({ ...issue, message: cut(issue.message) }))
    preview.action = issues.some((issue) => issue.severity === IssueSeverity.error) ? ReserveImportAction.error : action
    return preview.action === ReserveImportAction.error ? { preview } : { preview, ...planned }
  }

  if (issues.some((issue) => issue.severity === IssueSeverity.error)) return finish(ReserveImportAction.error)
  if (!match) {
    const input = candidateInputSchema.safeParse(values)
    if (!input.success) {
      for (const problem of input.error.issues) error(problem.message)
      return finish(ReserveImportAction.error)
    }
    return finish(ReserveImportAction.create, { create: input.data })
  }
  const before = match.candidate
  const patch: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(values)) {
    const current = before[field as keyof Candidate]
    if (JSON.stringify(current) === JSON.stringify(value)) continue
    patch[field] = value
    preview.changes.push(cut(describeChange(field, current, value)))
  }
  if (preview.changes.length === 0) return finish(ReserveImportAction.unchanged)
  if (isMoved(before)) {
    issues.push({
      sheetName: row.sheetName,
      rowNumber: row.rowNumber,
      severity: IssueSeverity.warning,
      message: '该储备项目已列入年度看板，不再修改：表中的不同之处未导入',
    })
    return finish(ReserveImportAction.kept)
  }
  const checked = candidatePatchSchema.safeParse(patch)
  if (!checked.success) {
    for (const problem of checked.error.issues) error(problem.message)
    return finish(ReserveImportAction.error)
  }
  return finish(ReserveImportAction.update, { update: { id: before.id, patch: checked.data, before } })
}

function describeChange(field: string, from: unknown, to: unknown): string {
  if (field === 'level')
    return `${EXTRA_LABEL.level}：${RESERVE_LEVEL_LABEL[from as ReserveLevel] ?? '（空）'} → ${RESERVE_LEVEL_LABEL[to as ReserveLevel] ?? String(to)}`
  if (field === 'sourceUnit') return `${EXTRA_LABEL.sourceUnit}：${String(from || '（空）')} → ${String(to || '（空）')}`
  const projectField = field as ProjectField
  return `${PROJECT_FIELD_LABEL[projectField]}：${formatFieldValue(projectField, from)} → ${formatFieldValue(projectField, to)}`
}
