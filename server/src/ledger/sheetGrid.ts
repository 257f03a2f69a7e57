import type { Worksheet } from 'exceljs'
import { EMPTY_CELL, readCell, type LedgerCell } from './cellText.ts'

/**
 * A worksheet as rows of normalized cells. A merged range reads as its top-left value in every
 * cell it covers (exceljs does this for merged cells), which is what a ledger means by it: a
 * 责任单位 merged down over five rows is the unit of all five projects.
 */
export interface SheetGrid {
  name: string
  rowCount: number
  columnCount: number
  cell(rowNumber: number, column: number): LedgerCell
  /** Whether the cell belongs to a merged range spanning more than one column. */
  isMergedAcross(rowNumber: number, column: number): boolean
}

export function gridFromWorksheet(sheet: Worksheet): SheetGrid {
  const rowCount = sheet.actualRowCount === 0 ? 0 : sheet.rowCount
  const columnCount = sheet.columnCount
  const cache = new Map<number, LedgerCell[]>()
  const rowCells = (rowNumber: number): LedgerCell[] => {
    let cells = cache.get(rowNumber)
    if (!cells) {
      const row = sheet.getRow(rowNumber)
      cells = []
      for (let column = 1; column <= columnCount; column++) cells.push(readCell(row.getCell(column).value))
      cache.set(rowNumber, cells)
    }
    return cells
  }
  return {
    name: sheet.name,
    rowCount,
    columnCount,
    cell: (rowNumber, column) => rowCells(rowNumber)[column - 1] ?? EMPTY_CELL,
    isMergedAcross(rowNumber, column) {
      const cell = sheet.getRow(rowNumber).getCell(column)
      if (!cell.isMerged) return false
      const master = cell.master
      const neighbours = [column - 1, column + 1].filter((other) => other >= 1 && other <= columnCount)
      return neighbours.some((other) => sheet.getRow(rowNumber).getCell(other).master === master)
    },
  }
}

/** Cell texts of a row, columns 1…columnCount. */
export function rowTexts(grid: SheetGrid, rowNumber: number): string[] {
  const texts: string[] = []
  for (let column = 1; column <= grid.columnCount; column++) texts.push(grid.cell(rowNumber, column).text)
  return texts
}
