import { gridFromWorksheet, type SheetGrid } from './sheetGrid.ts'
import { gridFromSheetJs } from './sheetJsGrid.ts'
import { newWorkbook } from './newWorkbook.ts'
import { LedgerFormatError } from './ledgerFormatError.ts'
import { scanCsvText } from './csvScan.ts'
import { checkGridLimits } from './gridLimits.ts'
import { DEFAULT_LEDGER_IMPORT_LIMITS, LedgerLimitError, limitMessage, type LedgerImportLimits } from './importLimits.ts'
import { emptyExtent, scanSheetXml } from './sheetXmlScan.ts'
import { scanZipEntries } from './zipScan.ts'

/** The container a ledger file came in, from its first bytes (not its name: offices rename files). */
export const LedgerFileFormat = {
  xlsx: 'xlsx',
  xls: 'xls',
  csv: 'csv',
} as const
export type LedgerFileFormat = (typeof LedgerFileFormat)[keyof typeof LedgerFileFormat]

export const LEDGER_FILE_FORMAT_LABEL: Record<LedgerFileFormat, string> = {
  xlsx: 'Excel 工作簿（.xlsx）',
  xls: 'Excel 97-2003 工作簿（.xls）',
  csv: 'CSV 文本',
}

export const CsvEncoding = {
  utf8: 'utf8',
  gbk: 'gbk',
} as const
export type CsvEncoding = (typeof CsvEncoding)[keyof typeof CsvEncoding]

export interface LedgerGrids {
  format: LedgerFileFormat
  /** For CSV: how the text was decoded. */
  encoding?: CsvEncoding
  grids: SheetGrid[]
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]
/** OLE2 compound file: .xls, and .et/.xls as WPS saves them. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]

const startsWith = (data: Uint8Array, magic: readonly number[]) => magic.every((byte, index) => data[index] === byte)

/**
 * Reads any file an office sends — .xlsx (exceljs, which keeps merged cells and dates exactly),
 * .xls and WPS files (SheetJS), CSV in UTF-8 or GBK — into sheet grids. An .xlsx exceljs cannot
 * open (some WPS-saved files) is tried again with SheetJS before giving up. Every format is held
 * to `limits` before a library sees it (the archive, the sheet XML, the CSV text are scanned)
 * and once more on the grids; a file past one throws LedgerLimitError naming it.
 */
export async function readLedgerGrids(data: Uint8Array, limits: LedgerImportLimits = DEFAULT_LEDGER_IMPORT_LIMITS): Promise<LedgerGrids> {
  const read = await readWithinLimits(data, limits)
  checkGridLimits(read.grids, limits)
  return read
}

async function readWithinLimits(data: Uint8Array, limits: LedgerImportLimits): Promise<LedgerGrids> {
  if (startsWith(data, ZIP_MAGIC)) {
    const extent = emptyExtent()
    scanZipEntries(data, limits, (entry) => scanSheetXml(entry.content, limits, extent))
    try {
      return { format: LedgerFileFormat.xlsx, grids: await readWithExcelJs(data) }
    } catch {
      return {
        format: LedgerFileFormat.xlsx,
        grids: await readWithSheetJs(data, limits, '无法读取该 .xlsx 文件：文件可能已损坏，请在 Excel 或 WPS 中另存为 .xlsx 后重试'),
      }
    }
  }
  if (startsWith(data, OLE_MAGIC)) {
    return { format: LedgerFileFormat.xls, grids: await readWithSheetJs(data, limits, '无法读取该 .xls 文件：文件可能已加密或损坏，请另存为 .xlsx 后重试') }
  }
  const decoded = decodeCsvText(data)
  if (!decoded) throw new LedgerFormatError('无法读取文件：请上传 Excel 工作簿（.xlsx、.xls）或 CSV 文件')
  scanCsvText(decoded.text, limits)
  return { format: LedgerFileFormat.csv, encoding: decoded.encoding, grids: await readWithSheetJs(decoded.text, limits, '无法读取该 CSV 文件') }
}

async function readWithExcelJs(data: Uint8Array): Promise<SheetGrid[]> {
  const workbook = await newWorkbook()
  await workbook.xlsx.load(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer)
  return workbook.worksheets.map(gridFromWorksheet)
}

async function readWithSheetJs(input: Uint8Array | string, limits: LedgerImportLimits, failure: string): Promise<SheetGrid[]> {
  // Loaded on first use, like exceljs: most servers never see an .xls.
  const XLSX = await import('@e965/xlsx')
  let workbook: ReturnType<typeof XLSX.read>
  try {
    // `raw` keeps CSV cells as written ("0.30", "2022.3"): the ledger parsers read the text themselves.
    // `sheetRows` stops SheetJS keeping rows past the limit (an .xls is not scanned beforehand);
    // the sheet's full extent stays in `!fullref`, checked below.
    const sheetRows = limits.maxRows + 1
    workbook =
      typeof input === 'string'
        ? XLSX.read(input, { type: 'string', raw: true, dense: true, sheetRows })
        : XLSX.read(input, { type: 'array', cellDates: true, dense: true, sheetRows })
  } catch {
    throw new LedgerFormatError(failure)
  }
  if (workbook.SheetNames.length > limits.maxSheets) throw new LedgerLimitError(limitMessage.sheets(limits.maxSheets, workbook.SheetNames.length))
  return workbook.SheetNames.flatMap((name) => {
    const sheet = workbook.Sheets[name]
    if (!sheet) return []
    const full = sheet['!fullref'] ?? sheet['!ref']
    if (full) {
      const range = XLSX.utils.decode_range(full)
      if (range.e.r + 1 > limits.maxRows) throw new LedgerLimitError(limitMessage.rows(limits.maxRows, range.e.r + 1, name))
      if (range.e.c + 1 > limits.maxColumns) throw new LedgerLimitError(limitMessage.columns(limits.maxColumns, range.e.c + 1, name))
    }
    return [gridFromSheetJs(name, sheet, XLSX.utils.decode_range)]
  })
}

/**
 * CSV from Excel "另存为 CSV" on a Chinese Windows is GBK; from WPS or a script, UTF-8 (often with
 * a BOM). UTF-8 is tried strictly first — GBK bytes are almost never valid UTF-8 — then GB18030,
 * a superset of GBK. Binary data (NUL bytes) is not a CSV.
 */
export function decodeCsvText(data: Uint8Array): { text: string; encoding: CsvEncoding } | undefined {
  if (data.includes(0)) return undefined
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data)
    return { text, encoding: CsvEncoding.utf8 }
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(data), encoding: CsvEncoding.gbk }
    } catch {
      return undefined
    }
  }
}
