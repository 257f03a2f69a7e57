/**
 * Runs as a child process (see ledgerParser.ts): reads one uploaded ledger and sends back what the
 * parsers made of it, or why it was refused. Whatever the file does to this process's heap or time,
 * the server's process is not the one paying: a V8 out-of-memory ends this process only.
 */
import { LedgerLimitError } from './importLimits.ts'
import { LedgerFormatError } from './ledgerFormatError.ts'
import type { ParsedLedger } from './ledgerTypes.ts'
import { parseLedgerWorkbook, type ParseLedgerOptions } from './parseLedger.ts'

export interface ParseRequest {
  file: Uint8Array
  options: ParseLedgerOptions
}

export type ParseAnswer = { kind: 'parsed'; ledger: ParsedLedger } | { kind: 'limit'; message: string } | { kind: 'format'; message: string }

async function answer({ file, options }: ParseRequest): Promise<ParseAnswer> {
  try {
    return { kind: 'parsed', ledger: await parseLedgerWorkbook(file, options) }
  } catch (error) {
    if (error instanceof LedgerLimitError) return { kind: 'limit', message: error.message }
    if (error instanceof LedgerFormatError) return { kind: 'format', message: error.message }
    throw error
  }
}

// A server that dies (even by SIGKILL) closes the channel: the parse it asked for is nobody's now.
process.once('disconnect', () => process.exit(0))
process.once('message', (request: ParseRequest) => {
  void answer(request).then((reply) => process.send?.(reply, () => process.disconnect()))
})
