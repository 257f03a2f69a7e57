import { checkRecordField } from '@guatu/shared/board/recordSchemas'
import { PROJECT_DEFAULTS, checkProjectField, type ProjectField } from '@guatu/shared/domain/project'
import type { Nature } from '@guatu/shared/domain/nature'
import { STAGE_LABEL } from '@guatu/shared/domain/stage'
import { isBlankCell, type LedgerCell } from './cellText.ts'
import {
  booleanFromLedgerText,
  industryFromLedgerText,
  natureFromLedgerText,
  splitLeaders,
  stageFromLedgerText,
} from './fieldLabels.ts'
import type { LedgerColumn } from './findTable.ts'
import type { LedgerColumnKind } from './headerMap.ts'
import { IssueSeverity, type ParsedRow } from './ledgerTypes.ts'
import { parseLedgerDate } from './parseDate.ts'
import { parseLedgerMoney } from './parseMoney.ts'
import { parseProblemCell } from './problemText.ts'
import { inferStage } from './inferStage.ts'

export interface RowContext {
  year: number
  /** 建设性质 of the section the row sits in (一、续建项目), used when the row names none. */
  sectionNature?: Nature
}

const TEXT_KINDS = new Set<LedgerColumnKind>(['name', 'cluster', 'location', 'scope', 'unit', 'owner', 'progressNote'])
const MONEY_KINDS = new Set<LedgerColumnKind>(['totalInvestment', 'annualPlanInvestment', 'completedInvestment'])
const DATE_KINDS = new Set<LedgerColumnKind>([
  'plannedSignDate', 'plannedStartDate', 'plannedProduceDate', 'actualSignDate', 'actualStartDate', 'actualProduceDate',
])

/**
 * Reads one project row. Every value is checked with the board's own field validators, so a row
 * without errors can be written as it is; a row with any error is reported and not imported.
 */
export function parseProjectRow(rowNumber: number, cells: (column: number) => LedgerCell, columns: readonly LedgerColumn[], context: RowContext): ParsedRow {
  const row: ParsedRow = { rowNumber, fields: {}, problems: [], issues: [], defaulted: [] }
  const fields = row.fields as Record<string, unknown>
  const issue = (severity: IssueSeverity, column: LedgerColumn | undefined, message: string) =>
    row.issues.push({ rowNumber, ...(column ? { column: column.header } : {}), severity, message })

  for (const column of columns) {
    const cell = cells(column.column)
    if (isBlankCell(cell)) continue
    readColumn(column, cell, context, fields, row, (severity, message) => issue(severity, column, message))
  }

  const columnOf = (kind: LedgerColumnKind) => columns.find((column) => column.kind === kind)
  if (fields.nature === undefined && context.sectionNature) fields.nature = context.sectionNature
  const fallback = <K extends 'nature' | 'industry'>(field: K) => {
    if (fields[field] !== undefined) return
    fields[field] = PROJECT_DEFAULTS[field]
    row.defaulted.push(field)
  }
  fallback('nature')
  fallback('industry')
  if (fields.stage === undefined) {
    const stage = inferStage(row.fields)
    fields.stage = stage
    row.defaulted.push('stage')
    if (columnOf('stage')) issue(IssueSeverity.warning, columnOf('stage'), `当前阶段未填写或无法识别，已按实际日期推定为“${STAGE_LABEL[stage]}”`)
  }
  for (const required of ['name', 'unit'] as const) {
    if (fields[required] === undefined) issue(IssueSeverity.error, columnOf(required), `${required === 'name' ? '项目名称' : '责任单位'}不能为空`)
  }
  for (const [field, value] of Object.entries(fields)) {
    const message = checkProjectField(field as ProjectField, value)
    if (message) issue(IssueSeverity.error, columns.find((column) => column.kind === field), message)
  }
  for (const problem of row.problems) {
    for (const [field, value] of Object.entries(problem)) {
      const message = field === 'status' ? undefined : checkRecordField('problems', field, value)
      if (message) issue(IssueSeverity.error, columnOf('problems'), `存在问题：${message}`)
    }
  }
  return row
}

type Report = (severity: IssueSeverity, message: string) => void

function readColumn(column: LedgerColumn, cell: LedgerCell, context: RowContext, fields: Record<string, unknown>, row: ParsedRow, report: Report): void {
  const { kind } = column
  if (TEXT_KINDS.has(kind)) {
    fields[kind] = cell.text
  } else if (MONEY_KINDS.has(kind)) {
    const money = parseLedgerMoney(cell, column.unit)
    if (money.kind === 'amount') fields[kind] = money.amount
    else if (money.kind === 'error') report(IssueSeverity.error, money.message)
  } else if (DATE_KINDS.has(kind)) {
    const date = parseLedgerDate(cell, context.year)
    if (date.kind === 'date') fields[kind] = date.date
    else if (date.kind === 'pending') report(IssueSeverity.warning, `日期“${cell.text}”：按未定日期导入`)
    else if (date.kind === 'error') report(IssueSeverity.error, date.message)
  } else {
    readOtherColumn(kind, cell, context, fields, row, report)
  }
}

function readOtherColumn(kind: LedgerColumnKind, cell: LedgerCell, context: RowContext, fields: Record<string, unknown>, row: ParsedRow, report: Report): void {
  switch (kind) {
    case 'seq': {
      const seq = Number(cell.number ?? cell.text)
      if (Number.isSafeInteger(seq) && seq >= 0) fields.seq = seq
      else report(IssueSeverity.warning, `序号“${cell.text}”不是整数，已忽略`)
      return
    }
    case 'nature': {
      const nature = natureFromLedgerText(cell.text)
      if (nature) fields.nature = nature
      else report(IssueSeverity.warning, `建设性质“${cell.text}”无法识别，${context.sectionNature ? '按所在分组' : '按默认“新建”'}导入`)
      return
    }
    case 'industry': {
      const industry = industryFromLedgerText(cell.text)
      if (industry) fields.industry = industry
      else report(IssueSeverity.warning, `产业类别“${cell.text}”无法识别，按默认“二产”导入`)
      return
    }
    case 'stage': {
      const stage = stageFromLedgerText(cell.text)
      if (stage) fields.stage = stage
      return
    }
    case 'leaders':
      fields.leaders = splitLeaders(cell.text)
      return
    case 'phone':
      if (checkProjectField('phone', cell.text)) report(IssueSeverity.warning, `联系电话“${cell.text}”格式不正确，未导入`)
      else fields.phone = cell.text
      return
    case 'registered':
    case 'governmentFunded': {
      const value = booleanFromLedgerText(cell.text)
      if (value === undefined) report(IssueSeverity.warning, `“${cell.text}”应为是或否，未导入`)
      else fields[kind] = value
      return
    }
    case 'problems':
      row.problems = parseProblemCell(cell.text, context.year)
      return
    default:
      return
  }
}
