import type { CellObject, WorkSheet } from '@e965/xlsx'
import { EMPTY_CELL, numberText, type LedgerCell } from './cellText.ts'
import type { SheetGrid } from './sheetGrid.ts'

/**
 * A SheetJS worksheet (.xls, WPS files, CSV) as the same grid the .xlsx reader gives, so every
 * format goes through one table finder and one row parser. Like exceljs, a merged range reads as
 * its top-left value in every cell it covers.
 */
export function gridFromSheetJs(name: string, sheet: WorkSheet, decodeRange: (ref: string) => Range): SheetGrid {
  const range = sheet['!ref'] ? decodeRange(sheet['!ref']) : undefined
  const merges = (sheet['!merges'] ?? []).map((merge) => ({ ...merge }))
  const masterOf = (row: number, column: number) => merges.find((merge) => row >= merge.s.r && row <= merge.e.r && column >= merge.s.c && column <= merge.e.c)
  const cellAt = (row: number, column: number): CellObject | undefined => {
    const dense = sheet['!data'] as CellObject[][] | undefined
    return dense?.[row]?.[column]
  }
  return {
    name,
    rowCount: range ? range.e.r + 1 : 0,
    columnCount: range ? range.e.c + 1 : 0,
    cell(rowNumber, column) {
      const merge = masterOf(rowNumber - 1, column - 1)
      const cell = merge ? cellAt(merge.s.r, merge.s.c) : cellAt(rowNumber - 1, column - 1)
      return cell ? readSheetJsCell(cell) : EMPTY_CELL
    },
    isMergedAcross(rowNumber, column) {
      const merge = masterOf(rowNumber - 1, column - 1)
      return merge !== undefined && merge.e.c > merge.s.c
    },
  }
}

export interface Range {
  s: { r: number; c: number }
  e: { r: number; c: number }
}

function readSheetJsCell(cell: CellObject): LedgerCell {
  switch (cell.t) {
    case 'n':
      return typeof cell.v === 'number' ? { text: numberText(cell.v), number: cell.v } : EMPTY_CELL
    case 'd':
      return cell.v instanceof Date ? { text: cell.v.toISOString().slice(0, 10), date: cell.v } : EMPTY_CELL
    case 'b':
      return { text: cell.v ? '是' : '否' }
    case 's':
      return { text: String(cell.v ?? '').trim() }
    default:
      return EMPTY_CELL
  }
}
