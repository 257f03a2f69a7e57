import { LedgerLimitError, limitMessage, type LedgerImportLimits } from './importLimits.ts'

const QUOTE = 34
const LINE_FEED = 10
const CARRIAGE_RETURN = 13
/** SheetJS guesses the separator; counting all three can only over-count columns, never miss them. */
const SEPARATORS = new Set([44, 9, 59])

/**
 * Counts the rows and columns of CSV text in one pass (quoted fields may hold separators and line
 * breaks) and refuses it at the first row or column past a limit, before SheetJS builds a sheet
 * of it: twenty megabytes of "1\n" would otherwise be ten million row objects.
 */
export function scanCsvText(text: string, limits: LedgerImportLimits): void {
  let row = 1
  let column = 1
  let quoted = false
  let cellStart = 0
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at)
    if (quoted) {
      if (code === QUOTE) quoted = false
      continue
    }
    if (code === QUOTE) {
      quoted = true
    } else if (SEPARATORS.has(code)) {
      checkCell(at - cellStart, limits)
      cellStart = at + 1
      column += 1
      if (column > limits.maxColumns) throw new LedgerLimitError(limitMessage.columns(limits.maxColumns, column))
    } else if (code === LINE_FEED || (code === CARRIAGE_RETURN && text.charCodeAt(at + 1) !== LINE_FEED)) {
      checkCell(at - cellStart, limits)
      cellStart = at + 1
      column = 1
      // A final line break ends the last row; it does not start another.
      if (at + 1 < text.length) row += 1
      if (row > limits.maxRows) throw new LedgerLimitError(limitMessage.rows(limits.maxRows, row))
    }
  }
  checkCell(text.length - cellStart, limits)
}

/** A field's length with its quotes and doubled quotes: a little over its text, never under. */
function checkCell(length: number, limits: LedgerImportLimits): void {
  // Quoting adds at most two quotes and doubles each quote inside: allow for that before refusing.
  if (length > limits.maxCellChars * 2 + 2) throw new LedgerLimitError(limitMessage.cellChars(limits.maxCellChars))
}
