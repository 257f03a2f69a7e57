import { inflateRawSync } from 'node:zlib'

const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50
const STORED = 0
const DEFLATED = 8

/**
 * The files of a zip archive (a .docx or .xlsx) by name, decoded as UTF-8. Reads the central
 * directory, so sizes written after the data (data descriptors) are found too. Enough for the
 * archives the server writes; not a general unzip.
 */
export function zipTextEntries(bytes: Uint8Array): Map<string, string> {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let end = data.length - 22
  while (end >= 0 && data.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) end--
  if (end < 0) throw new Error('not a zip archive: no end of central directory')
  const count = data.readUInt16LE(end + 10)
  let offset = data.readUInt32LE(end + 16)
  const entries = new Map<string, string>()
  for (let i = 0; i < count; i++) {
    if (data.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) throw new Error(`bad central directory entry ${i}`)
    const method = data.readUInt16LE(offset + 10)
    const compressedSize = data.readUInt32LE(offset + 20)
    const nameLength = data.readUInt16LE(offset + 28)
    const extraLength = data.readUInt16LE(offset + 30)
    const commentLength = data.readUInt16LE(offset + 32)
    const localHeader = data.readUInt32LE(offset + 42)
    const name = data.toString('utf8', offset + 46, offset + 46 + nameLength)
    const start = localHeader + 30 + data.readUInt16LE(localHeader + 26) + data.readUInt16LE(localHeader + 28)
    const raw = data.subarray(start, start + compressedSize)
    if (method !== STORED && method !== DEFLATED) throw new Error(`${name}: unsupported compression ${method}`)
    entries.set(name, (method === DEFLATED ? inflateRawSync(raw) : raw).toString('utf8'))
    offset += 46 + nameLength + extraLength + commentLength
  }
  return entries
}
