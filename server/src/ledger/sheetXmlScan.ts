import { LedgerLimitError, limitMessage, type LedgerImportLimits } from './importLimits.ts'

/**
 * The elements that decide what a spreadsheet library will allocate: rows, cells, merged ranges
 * and text (`t` in shared and inline strings, `v` values), with or without a namespace prefix.
 */
const WATCHED = new Set(['row', 'c', 'mergeCell', 'si', 'is', 't', 'v'])
const ROW_ATTRIBUTE = /\br="(\d+)"/
const CELL_ATTRIBUTE = /\br="([A-Za-z]+)\d*"/
const MERGE_ATTRIBUTE = /\bref="([A-Za-z]+)(\d+)(?::([A-Za-z]+)(\d+))?"/
const LESS_THAN = 0x3c
const GREATER_THAN = 0x3e
const SLASH = 0x2f
const COLON = 0x3a
/** Where an element's name ends: white space, `/` or `>`. */
const endsName = (byte: number | undefined) =>
  byte === undefined || byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === SLASH || byte === GREATER_THAN

export interface WorkbookExtent {
  /** Row extents of the sheets seen so far, added up. */
  rows: number
  sheets: number
  mergedCells: number
}

export const emptyExtent = (): WorkbookExtent => ({ rows: 0, sheets: 0, mergedCells: 0 })

/**
 * Reads one inflated entry of an .xlsx as text and refuses it at the first element past a limit:
 * row 20,001, column 201, a cell's text over 32,767 characters. A row bomb is refused after
 * twenty thousand rows of scanning, not after a library built a million row objects. Any entry
 * may be scanned (images simply hold no elements); sheets are recognised by their rows.
 */
export function scanSheetXml(content: Buffer, limits: LedgerImportLimits, extent: WorkbookExtent): void {
  // Read as bytes, never as one string: a 90 MB string would sit on the worker's heap at once.
  let row = 0
  let maxRow = 0
  let column = 0
  let textBytes = 0
  let richTextStart = -1
  for (let at = content.indexOf(LESS_THAN); at >= 0; at = content.indexOf(LESS_THAN, at + 1)) {
    const closing = content[at + 1] === SLASH
    let nameStart = closing ? at + 2 : at + 1
    let nameEnd = nameStart
    while (!endsName(content[nameEnd]) && nameEnd - nameStart < 64) {
      if (content[nameEnd] === COLON) nameStart = nameEnd + 1
      nameEnd++
    }
    const name = content.toString('latin1', nameStart, nameEnd)
    if (!WATCHED.has(name)) continue
    const tagEnd = content.indexOf(GREATER_THAN, nameEnd)
    if (tagEnd < 0) break
    if (closing) {
      if ((name === 'si' || name === 'is') && richTextStart >= 0) {
        if (textBytes > limits.maxCellChars && textLength(content, richTextStart, at) > limits.maxCellChars) {
          throw new LedgerLimitError(limitMessage.cellChars(limits.maxCellChars))
        }
        richTextStart = -1
      }
      at = tagEnd
      continue
    }
    const selfClosing = content[tagEnd - 1] === SLASH
    const attributes = () => content.toString('latin1', nameEnd, Math.min(tagEnd, nameEnd + 1024))
    switch (name) {
      case 'row': {
        const written = ROW_ATTRIBUTE.exec(attributes())
        row = written ? Number(written[1]) : row + 1
        column = 0
        if (row > maxRow) maxRow = row
        if (maxRow > limits.maxRows || extent.rows + maxRow > limits.maxRows) throw new LedgerLimitError(limitMessage.rows(limits.maxRows, maxRow))
        break
      }
      case 'c': {
        const written = CELL_ATTRIBUTE.exec(attributes())
        column = written ? columnNumber(written[1]!) : column + 1
        if (column > limits.maxColumns) throw new LedgerLimitError(limitMessage.columns(limits.maxColumns, column))
        break
      }
      case 'mergeCell': {
        const ref = MERGE_ATTRIBUTE.exec(attributes())
        if (!ref) break
        const [, fromColumn = 'A', fromRow = '1', toColumn = fromColumn, toRow = fromRow] = ref
        const lastRow = Number(toRow)
        const lastColumn = columnNumber(toColumn)
        if (lastRow > limits.maxRows) throw new LedgerLimitError(limitMessage.rows(limits.maxRows, lastRow))
        if (lastColumn > limits.maxColumns) throw new LedgerLimitError(limitMessage.columns(limits.maxColumns, lastColumn))
        if (lastRow > maxRow) maxRow = lastRow
        // exceljs makes a cell object for every cell a merge covers.
        extent.mergedCells += (Math.abs(lastRow - Number(fromRow)) + 1) * (Math.abs(lastColumn - columnNumber(fromColumn)) + 1)
        const mergeLimit = limits.maxRows * limits.maxColumns
        if (extent.mergedCells > mergeLimit) throw new LedgerLimitError(limitMessage.mergedCells(mergeLimit))
        break
      }
      case 'si':
      case 'is':
        if (!selfClosing) {
          richTextStart = tagEnd + 1
          textBytes = 0
        }
        break
      case 't':
      case 'v': {
        if (selfClosing) break
        const next = content.indexOf(LESS_THAN, tagEnd + 1)
        const textEnd = next < 0 ? content.length : next
        const bytes = textEnd - tagEnd - 1
        // UTF-8 never takes fewer bytes than characters: only a long run needs decoding to be sure.
        if (bytes > limits.maxCellChars && textLength(content, tagEnd + 1, textEnd) > limits.maxCellChars) {
          throw new LedgerLimitError(limitMessage.cellChars(limits.maxCellChars))
        }
        if (richTextStart >= 0) textBytes += bytes
        at = textEnd - 1
        continue
      }
    }
    at = tagEnd
  }
  if (maxRow > 0) {
    extent.sheets += 1
    extent.rows += maxRow
    if (extent.sheets > limits.maxSheets) throw new LedgerLimitError(limitMessage.sheets(limits.maxSheets, extent.sheets))
    if (extent.rows > limits.maxRows) throw new LedgerLimitError(limitMessage.totalRows(limits.maxRows))
  }
}

/** Characters of the text between two byte offsets, markup and entities counted as the text they stand for. */
function textLength(content: Buffer, start: number, end: number): number {
  return content
    .toString('utf8', start, end)
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:#x?[0-9a-fA-F]+|[A-Za-z]+);/g, '_').length
}

/** "A" → 1, "XFD" → 16,384. */
export function columnNumber(letters: string): number {
  let number = 0
  for (const letter of letters.toUpperCase()) {
    number = number * 26 + (letter.charCodeAt(0) - 64)
    // Anything this long is past every limit; stop before the number loses precision.
    if (number > 1_000_000) return number
  }
  return number
}
