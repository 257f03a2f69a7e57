import type { IsoDate } from '@guatu/shared/domain/dates'
import type { WanAmount } from '@guatu/shared/domain/money'
import { PROJECT_FIELD_LABEL } from '@guatu/shared/domain/projectFieldLabels'
import type { ProjectField } from '@guatu/shared/domain/project'
import type { ColumnMapping } from '@guatu/shared/ledger/columnMapping'
import { findLedgerTable, type ExtraColumnRule, type LedgerTable } from './findTable.ts'
import { LedgerFormatError } from './ledgerFormatError.ts'
import {
  IssueSeverity,
  ReportDateSource,
  SkipReason,
  type LedgerIssue,
  type LedgerSheet,
  type ParsedLedger,
  type ParsedRow,
  type ReportDate,
} from './ledgerTypes.ts'
import { parseLedgerMoney } from './parseMoney.ts'
import { parseProjectRow } from './parseRow.ts'
import type { LedgerImportLimits } from './importLimits.ts'
import { readLedgerGrids } from './readGrids.ts'
import { reportDateFromFileName, reportDateFromTitle } from './reportDate.ts'
import { classifyRow } from './rowClassifier.ts'
import type { SheetGrid } from './sheetGrid.ts'
import { checkSections, type SheetMark } from './sectionChecks.ts'
import { coordinateSystemOfLedger } from './coordinateSystemOfLedger.ts'
import type { CoordinateSystem } from '@guatu/shared/geo/coordinateSystem'

export interface ParseLedgerOptions {
  /** The board's year: dates written without one fall in it when the ledger names no report date. */
  year: number
  /** The uploaded file's name, where a report date may be written ("台账（2022年8月20日）.xlsx"). */
  fileName?: string
  /** The report date the office gave in the preview; wins over what the file says. */
  reportDate?: IsoDate
  /** Sheet names to read; by default every sheet with a ledger header. */
  sheets?: readonly string[]
  /** The office's choices for headers no rule knows (remembered per board). */
  mapping?: ColumnMapping
  /** The system the office says the coordinate columns are in; else named in the file, else WGS-84. */
  coordinateSystem?: CoordinateSystem
  /** How much of the file may be read; the defaults when absent. */
  limits?: LedgerImportLimits
  /** Columns beyond the project fields to read as text onto each row (ParsedRow.extra). */
  extraColumns?: readonly ExtraColumnRule[]
  /**
   * The project fields this import keeps, when not all: notes about missing columns name only
   * these, and a missing 填报日期 is noted only when an actual date (judged against it) is kept.
   */
  keptFields?: readonly ProjectField[]
}

/**
 * Reads a 台账 file (.xlsx, .xls, WPS, CSV in UTF-8 or GBK): finds each sheet's header (past title
 * and 填报单位 rows, one or two header rows) and the report date, then reads every project row of
 * the chosen sheets, skipping section headings, 小计/合计 rows, blank rows and the notes at the
 * foot — and checks those headings and totals against the rows. Never throws for bad cells: those
 * become issues on their row. Throws LedgerFormatError only when the file cannot be read or no
 * sheet has a ledger header.
 */
export async function parseLedgerWorkbook(data: Uint8Array, options: ParseLedgerOptions): Promise<ParsedLedger> {
  const { format, encoding, grids } = await readLedgerGrids(data, options.limits)
  const tables = grids.map((grid) => ({ grid, table: findLedgerTable(grid, options.mapping, options.extraColumns) }))
  if (!tables.some(({ table }) => table)) throw new LedgerFormatError('未找到台账表头：表格中应有“项目名称”“责任单位”等列')
  const chosen = (name: string) => !options.sheets || options.sheets.length === 0 || options.sheets.includes(name)
  const reading = tables.filter((entry): entry is { grid: SheetGrid; table: LedgerTable } => entry.table !== undefined && chosen(entry.grid.name))
  if (reading.length === 0) throw new LedgerFormatError('所选工作表中没有台账：请至少选择一个有“项目名称”表头的工作表')

  const reportDate = findReportDate(reading, options)
  const year = reportDate ? Number(reportDate.date.slice(0, 4)) : options.year
  const coordinateSystem = coordinateSystemOfLedger(reading, options.coordinateSystem)
  const ledger: ParsedLedger = {
    format,
    ...(encoding ? { encoding } : {}),
    sheets: [],
    ...(reportDate ? { reportDate } : {}),
    ...(coordinateSystem ? { coordinateSystem } : {}),
    year,
    columns: [],
    extraColumns: [],
    unknownColumns: [],
    rows: [],
    skipped: [],
    issues: [],
  }
  for (const { grid, table } of tables) {
    const sheet: LedgerSheet = { name: grid.name, hasLedger: table !== undefined, chosen: table !== undefined && chosen(grid.name), rows: 0 }
    if (table) sheet.headerRowNumber = table.headerRowNumber
    ledger.sheets.push(sheet)
    if (!table || !sheet.chosen) continue
    const before = ledger.rows.length
    readTable(ledger, grid, table, reportDate?.date, coordinateSystem?.system)
    sheet.rows = ledger.rows.length - before
  }
  ledger.issues.unshift(...sheetNotes(ledger, reportDate, options.year, options.keptFields))
  return ledger
}

function findReportDate(reading: readonly { grid: SheetGrid; table: LedgerTable }[], options: ParseLedgerOptions): ReportDate | undefined {
  if (options.reportDate) return { date: options.reportDate, source: ReportDateSource.given, text: options.reportDate }
  for (const { grid, table } of reading) {
    const found = reportDateFromTitle(grid, table.headerRowNumber)
    if (found) return found
  }
  return options.fileName ? reportDateFromFileName(options.fileName) : undefined
}

/** What the office should know about the ledger as a whole before reading the rows. */
function sheetNotes(ledger: ParsedLedger, reportDate: ReportDate | undefined, boardYear: number, keptFields?: readonly ProjectField[]): LedgerIssue[] {
  const notes: LedgerIssue[] = []
  const warn = (message: string) => notes.push({ severity: IssueSeverity.warning, message })
  const kept = (field: ProjectField) => !keptFields || keptFields.includes(field)
  const judgesActualDates = kept('actualSignDate') || kept('actualStartDate') || kept('actualProduceDate')
  if (!reportDate && !judgesActualDates) {
    // Nothing kept is judged against a report date; dates without a year are still read in one.
  } else if (!reportDate)
    warn(`未找到填报日期（标题行的“填报日期”“截至”或文件名）：请在预览中填写，实际日期将以此核对；在填写前，不带年份的日期按看板年度${boardYear}年读取`)
  else if (ledger.year !== boardYear) warn(`填报日期 ${reportDate.date} 不在看板年度${boardYear}年内，请确认选择了正确的台账`)
  const missing: Partial<Record<ProjectField, string>> = {
    unit: '',
    totalInvestment: '',
    stage: '：阶段从形象进度等文字和实际日期读取，每行注明依据',
    industry: '：按分组行、产业集群或项目名称推定，无依据的导入为“未分类”',
    nature: '：按分组行推定，无依据的导入为“性质未填”',
    registered: '：是否入库保持“未填”，不会记为“否”',
  }
  for (const [field, consequence] of Object.entries(missing) as [ProjectField, string][]) {
    if (kept(field) && !ledger.columns.includes(field)) warn(`台账中没有“${PROJECT_FIELD_LABEL[field]}”列${consequence}`)
  }
  const unmapped = [...new Set(ledger.unknownColumns.filter((column) => column.choice === undefined).map((column) => column.header))]
  if (unmapped.length > 0)
    warn(`有${unmapped.length}列无法自动识别（${unmapped.map((header) => `“${header}”`).join('、')}）：请在“列映射”中选择用途，未选择的列不导入`)
  return notes
}

function readTable(
  ledger: ParsedLedger,
  grid: SheetGrid,
  table: LedgerTable,
  reportDate: IsoDate | undefined,
  coordinateSystem: CoordinateSystem | undefined,
): void {
  for (const column of table.columns) {
    if (column.kind === 'problems' || column.kind === 'stageEvidence') continue
    // 经度 and 纬度 columns state one field between them.
    const field = column.kind === 'longitude' || column.kind === 'latitude' ? 'coordinates' : column.kind
    if (!ledger.columns.includes(field)) ledger.columns.push(field)
  }
  for (const extra of table.extras) if (!ledger.extraColumns.includes(extra.key)) ledger.extraColumns.push(extra.key)
  ledger.unknownColumns.push(...table.unknown.map((column) => ({ ...column, sheetName: grid.name })))
  const sheetName = grid.name
  let section: { label: string; nature?: ParsedRow['fields']['nature'] } | undefined
  let inNotes = false
  const rows: ParsedRow[] = []
  const marks: SheetMark[] = []
  for (let rowNumber = table.headerRowNumber + 1; rowNumber <= grid.rowCount; rowNumber++) {
    const kind = inNotes ? { kind: 'note' as const } : classifyRow(grid, rowNumber, table.columns)
    switch (kind.kind) {
      case 'blank':
        ledger.skipped.push({ sheetName, rowNumber, reason: SkipReason.blank })
        break
      case 'note':
        inNotes = true
        ledger.skipped.push({ sheetName, rowNumber, reason: SkipReason.note })
        break
      case 'section':
        section = { label: kind.label, ...(kind.nature ? { nature: kind.nature } : section?.nature && kind.level > 1 ? { nature: section.nature } : {}) }
        marks.push({
          kind: 'section',
          rowNumber,
          label: kind.label,
          level: kind.level,
          ...(kind.declaredCount !== undefined ? { declaredCount: kind.declaredCount } : {}),
        })
        ledger.skipped.push({ sheetName, rowNumber, reason: SkipReason.section })
        break
      case 'subtotal': {
        ledger.skipped.push({ sheetName, rowNumber, reason: SkipReason.subtotal })
        const total = totalInvestmentOf(grid, table, rowNumber)
        marks.push({ kind: 'subtotal', rowNumber, grand: kind.grand, ...(total ? { total } : {}) })
        break
      }
      case 'project': {
        const row = parseProjectRow(
          rowNumber,
          (column) => grid.cell(rowNumber, column),
          table.columns,
          {
            sheetName,
            year: ledger.year,
            ...(reportDate ? { reportDate } : {}),
            ...(section?.nature ? { sectionNature: section.nature } : {}),
            ...(section ? { sectionLabel: section.label } : {}),
            ...(coordinateSystem ? { coordinateSystem } : {}),
          },
          table.extras,
        )
        rows.push(row)
        marks.push({ kind: 'project', rowNumber, amount: row.fields.totalInvestment })
        break
      }
    }
  }
  ledger.rows.push(...rows)
  ledger.issues.push(
    ...checkSections(
      marks,
      sheetName,
      table.columns.some((column) => column.kind === 'totalInvestment'),
    ),
  )
}

function totalInvestmentOf(grid: SheetGrid, table: LedgerTable, rowNumber: number): { text: string; amount: WanAmount } | undefined {
  const column = table.columns.find((candidate) => candidate.kind === 'totalInvestment')
  if (!column) return undefined
  const cell = grid.cell(rowNumber, column.column)
  const money = parseLedgerMoney(cell, column.unit)
  return money.kind === 'amount' ? { text: cell.text, amount: money.amount } : undefined
}
