/**
 * Runs in a worker thread (see ledgerParser.ts): reads one uploaded ledger and posts back what
 * the parsers made of it, or why it was refused. Whatever the file does to this thread's heap or
 * time, the server's event loop is not the one paying.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { LedgerLimitError } from './importLimits.ts'
import { LedgerFormatError } from './ledgerFormatError.ts'
import type { ParsedLedger } from './ledgerTypes.ts'
import { parseLedgerWorkbook, type ParseLedgerOptions } from './parseLedger.ts'

export interface ParseWorkerData {
  file: Uint8Array
  options: ParseLedgerOptions
}

export type ParseWorkerAnswer =
  | { kind: 'parsed'; ledger: ParsedLedger }
  | { kind: 'limit'; message: string }
  | { kind: 'format'; message: string }

const { file, options } = workerData as ParseWorkerData

async function answer(): Promise<ParseWorkerAnswer> {
  try {
    return { kind: 'parsed', ledger: await parseLedgerWorkbook(file, options) }
  } catch (error) {
    if (error instanceof LedgerLimitError) return { kind: 'limit', message: error.message }
    if (error instanceof LedgerFormatError) return { kind: 'format', message: error.message }
    throw error
  }
}

parentPort?.postMessage(await answer())
