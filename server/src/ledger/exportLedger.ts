import type ExcelJS from 'exceljs'
import { formatChineseDate, type IsoDate } from '@guatu/shared/domain/dates'
import { centsToWan, sumCents } from '@guatu/shared/domain/money'
import type { Problem } from '@guatu/shared/domain/problem'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import { compareRank } from '@guatu/shared/domain/rank'
import { STAGES } from '@guatu/shared/domain/stage'
import { newWorkbook } from './newWorkbook.ts'
import { stripXmlUnsafeText } from './xmlSafeWorkbook.ts'
import { EXPORT_COLUMNS, ExportCellKind, lineageColumns } from './exportColumns.ts'
import { wanToYiText } from './parseMoney.ts'

export interface LedgerExportInput {
  boardName: string
  year: number
  asOf: IsoDate
  projects: readonly Project[]
  problems: readonly Problem[]
  /** Add 开工以来累计完成投资 and 开工年份 (a project's life across years). */
  lineage?: boolean
}

const TITLE_ROW = 1
const AS_OF_ROW = 2
const HEADER_ROW = 3
const THIN = { style: 'thin' as const }
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN }
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFDDEBF7' } }

/**
 * Writes the board as a 台账 workbook: a title, a 数据截至 line, the standard columns, one row per
 * project (in 序号 order, then by column and card order) and a 合计 row. Money is written in 亿元
 * with up to six decimals — exactly the 万元 amount — and shown as 0.00, so importing the file
 * back reproduces every amount; the 合计 is summed in WanCents and converted once.
 */
export async function exportLedgerWorkbook(input: LedgerExportInput): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = await newWorkbook()
  workbook.creator = 'Guatu 挂图作战'
  const sheet = workbook.addWorksheet(`${input.year}年重点项目台账`, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROW }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  const columns = input.lineage ? [...EXPORT_COLUMNS, ...lineageColumns(input.year)] : EXPORT_COLUMNS
  const lastColumn = columns.length
  columns.forEach((column, index) => (sheet.getColumn(index + 1).width = column.width))

  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, lastColumn)
  const title = sheet.getCell(TITLE_ROW, 1)
  title.value = `${input.boardName}台账`
  title.font = { bold: true, size: 16 }
  title.alignment = { horizontal: 'center', vertical: 'middle' }
  sheet.getRow(TITLE_ROW).height = 30
  sheet.mergeCells(AS_OF_ROW, 1, AS_OF_ROW, lastColumn)
  const asOf = sheet.getCell(AS_OF_ROW, 1)
  asOf.value = `数据截至：${formatChineseDate(input.asOf)}\u3000\u3000单位：亿元`
  asOf.alignment = { horizontal: 'right' }

  const header = sheet.getRow(HEADER_ROW)
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1)
    cell.value = column.header
    cell.font = { bold: true }
    cell.fill = HEADER_FILL
    cell.border = BORDER
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
  })
  header.height = 32

  const problemsByProject = groupProblems(input.problems)
  const projects = orderForLedger(input.projects)
  projects.forEach((project, index) => {
    const row = sheet.getRow(HEADER_ROW + 1 + index)
    columns.forEach((column, columnIndex) => {
      const cell = row.getCell(columnIndex + 1)
      const value = column.value(project, problemsByProject.get(project.id) ?? [])
      if (value !== undefined && value !== '') cell.value = value
      styleDataCell(cell, column.kind)
    })
  })

  const totalRow = sheet.getRow(HEADER_ROW + 1 + projects.length)
  columns.forEach((column, columnIndex) => {
    const cell = totalRow.getCell(columnIndex + 1)
    if (columnIndex === 1) cell.value = `合计（${projects.length}个项目）`
    if (column.amount) {
      const amount = column.amount
      cell.value = Number(wanToYiText(centsToWan(sumCents(projects.map((project) => amount(project))))))
    }
    styleDataCell(cell, column.kind)
    cell.font = { bold: true }
  })

  stripXmlUnsafeText(workbook)
  const buffer = await workbook.xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}

function styleDataCell(cell: ExcelJS.Cell, kind: ExportCellKind): void {
  cell.border = BORDER
  cell.alignment = { vertical: 'middle', wrapText: kind === ExportCellKind.text, horizontal: kind === ExportCellKind.text ? 'left' : 'center' }
  if (kind === ExportCellKind.money) cell.numFmt = '0.00'
  if (kind === ExportCellKind.date) cell.numFmt = 'yyyy-mm-dd'
}

function groupProblems(problems: readonly Problem[]): Map<ProjectId, Problem[]> {
  const grouped = new Map<ProjectId, Problem[]>()
  const ordered = [...problems].sort((a, b) => (a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : a.id < b.id ? -1 : 1))
  for (const problem of ordered) grouped.set(problem.projectId, [...(grouped.get(problem.projectId) ?? []), problem])
  return grouped
}

/** 序号 first (rows without one last), then pipeline column, then card order within it. */
function orderForLedger(projects: readonly Project[]): Project[] {
  return [...projects].sort((a, b) => {
    const bySeq = (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER)
    if (bySeq !== 0) return bySeq
    const byStage = STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage)
    return byStage !== 0 ? byStage : compareRank(a, b)
  })
}
