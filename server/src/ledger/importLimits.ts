import { LedgerFormatError } from './ledgerFormatError.ts'

/**
 * How much of a workbook the server will read. A real office ledger is a few thousand rows and
 * at most some sixty columns; the limits leave a wide margin over that and stop a crafted file
 * (a row bomb, one enormous cell, a zip whose declared sizes lie) before it costs the server its
 * memory or its event loop. Every limit is enforced while the file is read, not after.
 */
export interface LedgerImportLimits {
  /** Rows over all sheets, counted to the highest row a sheet writes (a gap of empty rows counts). */
  maxRows: number
  /** Columns of any sheet, to the rightmost cell written or merged. */
  maxColumns: number
  /** Characters in one cell: 32,767 is what Excel itself allows. */
  maxCellChars: number
  maxSheets: number
  /** Bytes of a .xlsx once unzipped, counted as each entry inflates (its declared size may lie). */
  maxInflatedBytes: number
}

export const DEFAULT_LEDGER_IMPORT_LIMITS: LedgerImportLimits = {
  maxRows: 20_000,
  maxColumns: 200,
  maxCellChars: 32_767,
  maxSheets: 100,
  maxInflatedBytes: 100 * 1024 * 1024,
}

/** An .xlsx holds some ten to thirty files; a thousand is already a crafted archive. */
export const MAX_ZIP_ENTRIES = 1_000

/** A file over one of the limits: refused whole (413) with the limit named, nothing imported. */
export class LedgerLimitError extends LedgerFormatError {
  override name = 'LedgerLimitError'
}

const count = (value: number) => value.toLocaleString('en-US')
const megabytes = (bytes: number) => `${count(Math.round(bytes / 1024 / 1024))} MB`

/** The refusals, one sentence each, naming the limit as the office can act on it. */
export const limitMessage = {
  rows: (limit: number, reached: number, sheetName?: string) =>
    `台账超过 ${count(limit)} 行的上限（${sheetName ? `工作表“${sheetName}”` : ''}写到第 ${count(reached)} 行），未导入任何数据；请删去多余的行或拆分后再导入`,
  totalRows: (limit: number) => `台账超过 ${count(limit)} 行的上限（各工作表合计），未导入任何数据；请删去多余的工作表或行后再导入`,
  columns: (limit: number, reached: number, sheetName?: string) =>
    `台账超过 ${count(limit)} 列的上限（${sheetName ? `工作表“${sheetName}”` : ''}写到第 ${count(reached)} 列），未导入任何数据；请删去多余的列后再导入`,
  mergedCells: (limitCells: number) => `合并单元格合计超过 ${count(limitCells)} 格的上限，未导入任何数据`,
  cellChars: (limit: number, sheetName?: string) => `单元格文字超过 ${count(limit)} 个字符的上限${sheetName ? `（工作表“${sheetName}”）` : ''}，未导入任何数据`,
  sheets: (limit: number, found: number) => `工作簿超过 ${count(limit)} 个工作表的上限（有 ${count(found)} 个），未导入任何数据`,
  inflated: (limit: number) => `工作簿解压后超过 ${megabytes(limit)} 的上限，未导入任何数据`,
  entries: (limit: number, found: number) => `工作簿内含 ${count(found)} 个文件，超过 ${count(limit)} 个的上限，未导入任何数据`,
  memory: (limitMb: number) => `读取台账所需内存超过 ${count(limitMb)} MB 的上限，未导入任何数据；请检查文件是否有大量空白行列或超长文字`,
  time: (limitMs: number) => `读取台账超过 ${count(Math.round(limitMs / 1000))} 秒的时限，未导入任何数据；请检查文件是否有大量空白行列或超长文字`,
}
