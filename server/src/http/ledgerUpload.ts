import type { Context } from 'hono'
import { LedgerLimitError } from '../ledger/importLimits.ts'
import { LedgerParserBusyError } from '../ledger/ledgerParser.ts'
import { LedgerFormatError } from '../ledger/ledgerFormatError.ts'
import { RequestError } from '../requestError.ts'
import type { AppEnv } from './appEnv.ts'

/** A real ledger is tens of kilobytes; 2,000 rows are about 200 KB. */
export const MAX_LEDGER_BYTES = 20 * 1024 * 1024

/**
 * The workbook of an import (台账 or 项目库): multipart field `file`, refused early when too big.
 * Call it after the caller's role is checked, so nobody else's upload is even read.
 */
export async function readLedgerUpload(c: Context<AppEnv>): Promise<{ file: File; body: Record<string, unknown> }> {
  if (Number(c.req.header('content-length') ?? 0) > MAX_LEDGER_BYTES) throw new RequestError(413, '文件过大（最大20MB）')
  const body = await c.req.parseBody().catch(() => {
    throw new RequestError(400, '请以 multipart/form-data 上传，字段名为 file')
  })
  const file = body.file
  if (!(file instanceof File)) throw new RequestError(400, '请选择要导入的文件（字段名 file）')
  if (file.size > MAX_LEDGER_BYTES) throw new RequestError(413, '文件过大（最大20MB）')
  return { file, body }
}

/**
 * A file past a limit is refused whole, naming the limit (the server read it in a child process and
 * serves on); an unreadable one is a 400; a full parse queue a 429 with Retry-After.
 */
export function ledgerReadFailure(error: unknown): unknown {
  if (error instanceof LedgerLimitError) return new RequestError(413, error.message)
  if (error instanceof LedgerFormatError) return new RequestError(400, error.message)
  if (error instanceof LedgerParserBusyError) return new RequestError(429, error.message, 5)
  return error
}
