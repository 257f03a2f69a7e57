import type ExcelJS from 'exceljs'

/**
 * An empty workbook, with exceljs loaded on first use: only imports, exports and rankings need it,
 * and loaded at start-up it would hold some 8 MB of the server's heap from then on.
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs')
  return new excel.Workbook()
}
