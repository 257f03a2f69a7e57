import type ExcelJS from 'exceljs'
import { withoutXmlUnsafeCharacters } from '@guatu/shared/domain/safeText'

/**
 * Removes from every text cell the characters no .xlsx can hold (U+FFFE, C0
 * controls, lone surrogates). New text is refused at the schema; this keeps the export a valid
 * file — one the server's own importer reads back — for text stored before that rule, or written
 * straight into the database. Call it just before writing the workbook.
 */
export function stripXmlUnsafeText(workbook: ExcelJS.Workbook): void {
  for (const sheet of workbook.worksheets) {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (typeof cell.value === 'string') cell.value = withoutXmlUnsafeCharacters(cell.value)
      })
    })
  }
}
