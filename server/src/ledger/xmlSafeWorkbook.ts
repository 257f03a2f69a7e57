import type ExcelJS from 'exceljs'
import { withoutXmlUnsafeCharacters } from '@guatu/shared/domain/safeText'

/**
 * Removes from every text cell the characters no .xlsx can hold (U+FFFE, C0 controls, lone
 * surrogates). New text is refused at the schema and stored text is read without them; this
 * keeps the export a valid file (one the server's own importer reads back) for what reaches a cell
 * another way: a board name written straight into the database. Call it just before writing.
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
