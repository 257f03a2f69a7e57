import { LedgerLimitError, limitMessage, type LedgerImportLimits } from './importLimits.ts'
import type { SheetGrid } from './sheetGrid.ts'

/**
 * The limits once more on the grids a library built, exactly: the scans before it are cheap and
 * conservative, this is what the parsers will actually walk. Reads every cell once (the grids
 * cache them for the parser anyway).
 */
export function checkGridLimits(grids: readonly SheetGrid[], limits: LedgerImportLimits): void {
  if (grids.length > limits.maxSheets) throw new LedgerLimitError(limitMessage.sheets(limits.maxSheets, grids.length))
  let rows = 0
  for (const grid of grids) {
    if (grid.rowCount > limits.maxRows) throw new LedgerLimitError(limitMessage.rows(limits.maxRows, grid.rowCount, grid.name))
    if (grid.columnCount > limits.maxColumns) throw new LedgerLimitError(limitMessage.columns(limits.maxColumns, grid.columnCount, grid.name))
    rows += grid.rowCount
    if (rows > limits.maxRows) throw new LedgerLimitError(limitMessage.totalRows(limits.maxRows))
  }
  for (const grid of grids) {
    for (let row = 1; row <= grid.rowCount; row++) {
      for (let column = 1; column <= grid.columnCount; column++) {
        if (grid.cell(row, column).text.length > limits.maxCellChars) throw new LedgerLimitError(limitMessage.cellChars(limits.maxCellChars, grid.name))
      }
    }
  }
}
