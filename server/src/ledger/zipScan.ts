import { inflateRawSync } from 'node:zlib'
import { LedgerLimitError, MAX_ZIP_ENTRIES, limitMessage, type LedgerImportLimits } from './importLimits.ts'
import { LedgerFormatError } from './ledgerFormatError.ts'

const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50
const LOCAL_FILE_HEADER = 0x04034b50
/** The end record is 22 bytes and may be followed by a comment of up to 65,535. */
const END_RECORD_SEARCH_BYTES = 22 + 0xffff
const STORED = 0
const DEFLATED = 8

const UNREADABLE = '无法读取该 .xlsx 文件：文件可能已损坏，请在 Excel 或 WPS 中另存为 .xlsx 后重试'

export interface ZipEntry {
  name: string
  /** Inflated content; its size was counted against the limit while inflating. */
  content: Buffer
}

/**
 * Walks an .xlsx archive before any spreadsheet library sees it, entry by entry, inflating each
 * with an output cap of what is left of `maxInflatedBytes`: zlib stops at the cap, so a 200 KB
 * entry that inflates to 200 MB costs at most the cap, whatever its central directory declares.
 * `visit` sees each entry's content once, then it is dropped.
 */
export function scanZipEntries(data: Uint8Array, limits: Pick<LedgerImportLimits, 'maxInflatedBytes'>, visit: (entry: ZipEntry) => void): void {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  const end = findEndRecord(bytes)
  const entryCount = bytes.readUInt16LE(end + 10)
  const directoryOffset = bytes.readUInt32LE(end + 16)
  if (entryCount === 0xffff || directoryOffset === 0xffffffff) throw new LedgerFormatError(`${UNREADABLE}（不支持 ZIP64 格式）`)
  if (entryCount > MAX_ZIP_ENTRIES) throw new LedgerLimitError(limitMessage.entries(MAX_ZIP_ENTRIES, entryCount))

  const entries: { name: string; method: number; compressedSize: number; declaredSize: number; localOffset: number }[] = []
  let declaredTotal = 0
  let at = directoryOffset
  for (let index = 0; index < entryCount; index++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL_DIRECTORY_ENTRY) throw new LedgerFormatError(UNREADABLE)
    const nameLength = bytes.readUInt16LE(at + 28)
    const entry = {
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      declaredSize: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
    }
    declaredTotal += entry.declaredSize
    entries.push(entry)
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32)
  }
  // The cheap check first: an honest archive says how big it is.
  if (declaredTotal > limits.maxInflatedBytes) throw new LedgerLimitError(limitMessage.inflated(limits.maxInflatedBytes))

  let inflatedTotal = 0
  for (const entry of entries) {
    const { localOffset } = entry
    if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) throw new LedgerFormatError(UNREADABLE)
    const start = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28)
    if (start + entry.compressedSize > bytes.length) throw new LedgerFormatError(UNREADABLE)
    const raw = bytes.subarray(start, start + entry.compressedSize)
    const budget = limits.maxInflatedBytes - inflatedTotal
    let content: Buffer
    if (entry.method === STORED) {
      content = raw
    } else if (entry.method === DEFLATED) {
      try {
        // One byte over the budget is enough to know the entry does not fit.
        content = inflateRawSync(raw, { maxOutputLength: Math.max(1, budget + 1) })
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new LedgerLimitError(limitMessage.inflated(limits.maxInflatedBytes))
        }
        throw new LedgerFormatError(UNREADABLE)
      }
    } else {
      throw new LedgerFormatError(UNREADABLE)
    }
    inflatedTotal += content.length
    if (inflatedTotal > limits.maxInflatedBytes) throw new LedgerLimitError(limitMessage.inflated(limits.maxInflatedBytes))
    visit({ name: entry.name, content })
  }
}

function findEndRecord(bytes: Buffer): number {
  const earliest = Math.max(0, bytes.length - END_RECORD_SEARCH_BYTES)
  for (let at = bytes.length - 22; at >= earliest; at--) {
    if (bytes.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at
  }
  throw new LedgerFormatError(UNREADABLE)
}
