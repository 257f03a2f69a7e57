import { sumCents, wanToCents, centsToWan } from '@guatu/shared/domain/money'
import { PROJECT_FIELD_LABEL } from '@guatu/shared/domain/projectFieldLabels'
import type { Nature } from '@guatu/shared/domain/nature'
import type { ProjectField } from '@guatu/shared/domain/project'
import { newWorkbook } from './newWorkbook.ts'
import { findLedgerTable, type LedgerTable } from './findTable.ts'
import { IssueSeverity, LedgerFormatError, SkipReason, type LedgerIssue, type ParsedLedger } from './ledgerTypes.ts'
import { parseLedgerMoney } from './parseMoney.ts'
import { parseProjectRow } from './parseRow.ts'
import { classifyRow } from './rowClassifier.ts'
import { gridFromWorksheet, type SheetGrid } from './sheetGrid.ts'

export interface ParseLedgerOptions {
  /** The ledger's year: dates written without one ("3月底") fall in it. */
  year: number
}

/**
 * Reads a 台账 workbook: finds the sheet and its header (past title and 填报单位 rows, one or two
 * header rows), then reads every project row, skipping section headings, 小计/合计 rows, blank
 * rows and the notes at the foot. Never throws for bad cells — those become issues on their row;
 * throws LedgerFormatError only when the file is not a workbook or no sheet has a ledger header.
 */
export async function parseLedgerWorkbook(data: Uint8Array, options: ParseLedgerOptions): Promise<ParsedLedger> {
  const workbook = await newWorkbook()
  try {
    await workbook.xlsx.load(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer)
  } catch {
    throw new LedgerFormatError('无法读取文件：请上传 Excel 工作簿（.xlsx）')
  }
  const found = pickSheet(workbook.worksheets.map(gridFromWorksheet))
  if (!found) throw new LedgerFormatError('未找到台账表头：表格中应有“项目名称”“责任单位”等列')
  return readTable(found.grid, found.table, options)
}

function pickSheet(grids: SheetGrid[]): { grid: SheetGrid; table: LedgerTable } | undefined {
  let best: { grid: SheetGrid; table: LedgerTable } | undefined
  for (const grid of grids) {
    const table = findLedgerTable(grid)
    if (table && (!best || table.columns.length > best.table.columns.length)) best = { grid, table }
  }
  return best
}

/** Columns a ledger is expected to have; a missing one is worth a warning, not a refusal. */
const EXPECTED_COLUMNS: readonly ProjectField[] = ['unit', 'totalInvestment', 'stage']

function readTable(grid: SheetGrid, table: LedgerTable, options: ParseLedgerOptions): ParsedLedger {
  const ledger: ParsedLedger = {
    sheetName: grid.name,
    headerRowNumber: table.headerRowNumber,
    columns: table.columns.flatMap((column) => (column.kind === 'problems' ? [] : [column.kind])),
    rows: [],
    skipped: [],
    issues: [],
  }
  for (const field of EXPECTED_COLUMNS) {
    if (!ledger.columns.includes(field)) {
      const consequence = field === 'stage' ? '，当前阶段将按实际日期推定' : ''
      ledger.issues.push({ severity: IssueSeverity.warning, message: `台账中没有“${PROJECT_FIELD_LABEL[field]}”列${consequence}` })
    }
  }
  let sectionNature: Nature | undefined
  let inNotes = false
  const grandTotals: { rowNumber: number; text: string; cents: number }[] = []
  for (let rowNumber = table.headerRowNumber + 1; rowNumber <= grid.rowCount; rowNumber++) {
    const kind = inNotes ? { kind: 'note' as const } : classifyRow(grid, rowNumber, table.columns)
    switch (kind.kind) {
      case 'blank':
        ledger.skipped.push({ rowNumber, reason: SkipReason.blank })
        break
      case 'note':
        inNotes = true
        ledger.skipped.push({ rowNumber, reason: SkipReason.note })
        break
      case 'section':
        sectionNature = kind.nature ?? sectionNature
        ledger.skipped.push({ rowNumber, reason: SkipReason.section })
        break
      case 'subtotal': {
        ledger.skipped.push({ rowNumber, reason: SkipReason.subtotal })
        const total = kind.grand ? totalInvestmentOf(grid, table, rowNumber) : undefined
        if (total) grandTotals.push({ rowNumber, ...total })
        break
      }
      case 'project':
        ledger.rows.push(
          parseProjectRow(rowNumber, (column) => grid.cell(rowNumber, column), table.columns, {
            year: options.year,
            ...(sectionNature ? { sectionNature } : {}),
          }),
        )
        break
    }
  }
  ledger.issues.push(...checkGrandTotals(ledger, grandTotals))
  return ledger
}

function totalInvestmentOf(grid: SheetGrid, table: LedgerTable, rowNumber: number): { text: string; cents: number } | undefined {
  const column = table.columns.find((candidate) => candidate.kind === 'totalInvestment')
  if (!column) return undefined
  const cell = grid.cell(rowNumber, column.column)
  const money = parseLedgerMoney(cell, column.unit)
  return money.kind === 'amount' ? { text: cell.text, cents: wanToCents(money.amount) } : undefined
}

/**
 * A 合计 row is the office's own sum. When it disagrees with the rows, either a row was read
 * wrongly or the sheet's formula missed rows: worth a warning either way, never a silent pass.
 */
function checkGrandTotals(ledger: ParsedLedger, totals: readonly { rowNumber: number; text: string; cents: number }[]): LedgerIssue[] {
  const parsedCents = sumCents(ledger.rows.flatMap((row) => (row.fields.totalInvestment ? [row.fields.totalInvestment] : [])))
  return totals
    .filter((total) => total.cents !== parsedCents)
    .map((total) => ({
      rowNumber: total.rowNumber,
      column: PROJECT_FIELD_LABEL.totalInvestment,
      severity: IssueSeverity.warning,
      message: `合计行总投资${centsToWan(total.cents)}万元（表中写作“${total.text}”）与逐行相加的${centsToWan(parsedCents)}万元不一致`,
    }))
}
