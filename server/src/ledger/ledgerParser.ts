import { fork, type ChildProcess, type ForkOptions } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { LedgerLimitError, limitMessage, type LedgerImportLimits } from './importLimits.ts'
import { LedgerFormatError } from './ledgerFormatError.ts'
import type { ParsedLedger } from './ledgerTypes.ts'
import type { ParseLedgerOptions } from './parseLedger.ts'
import type { ParseAnswer, ParseRequest } from './parseProcess.ts'

export interface LedgerParserSettings {
  limits: LedgerImportLimits
  /** The parse process's heap (V8 old generation); a file needing more is refused, the server lives on. */
  workerMemoryMb: number
  /** Wall-clock time a parse gets before its process is killed and the file refused. */
  timeoutMs: number
  /** Parses at once; each may use `workerMemoryMb`, so this bounds what imports can take. */
  concurrency: number
  /** Uploads waiting for a parse slot beyond which another one is turned away at once. */
  maxWaiting: number
}

/** Every parse slot busy and the queue full: try again shortly (429 with Retry-After). */
export class LedgerParserBusyError extends Error {
  constructor() {
    super('正在读取其他台账，请稍后重试')
  }
}

/**
 * Parses uploaded ledgers in child processes with a capped heap and a deadline, a few at a time.
 * The limits on rows, columns and text are enforced inside the child while it reads; the heap
 * cap and the deadline are the backstop for what no scan foresaw. Either way the event loop that
 * serves the boards never parses a spreadsheet, so one hostile file neither crashes the server
 * nor stalls the other offices' card moves.
 */
export class LedgerParser {
  private running = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly settings: LedgerParserSettings) {}

  async parse(file: Uint8Array, options: ParseLedgerOptions): Promise<ParsedLedger> {
    await this.slot()
    try {
      return await this.parseInProcess(file, options)
    } finally {
      this.running -= 1
      this.waiting.shift()?.()
    }
  }

  private async slot(): Promise<void> {
    if (this.running < this.settings.concurrency) {
      this.running += 1
      return
    }
    if (this.waiting.length >= this.settings.maxWaiting) throw new LedgerParserBusyError()
    // The finishing parse hands its slot over: `running` stays counted.
    await new Promise<void>((resolve) => this.waiting.push(resolve))
  }

  private parseInProcess(file: Uint8Array, options: ParseLedgerOptions): Promise<ParsedLedger> {
    const { limits, workerMemoryMb, timeoutMs } = this.settings
    const child = startParseProcess(workerMemoryMb)
    return new Promise<ParsedLedger>((resolve, reject) => {
      let settled = false
      const settle = (outcome: () => void) => {
        if (settled) return
        settled = true
        clearTimeout(deadline)
        outcome()
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      }
      const deadline = setTimeout(() => settle(() => reject(new LedgerLimitError(limitMessage.time(timeoutMs)))), timeoutMs)
      child.once('message', (answer: ParseAnswer) =>
        settle(() => {
          switch (answer.kind) {
            case 'parsed':
              return resolve(answer.ledger)
            case 'limit':
              return reject(new LedgerLimitError(answer.message))
            case 'format':
              return reject(new LedgerFormatError(answer.message))
          }
        }),
      )
      child.once('error', (error) => settle(() => reject(error)))
      child.once('exit', (code, signal) =>
        settle(() =>
          reject(
            outOfMemory(code, signal)
              ? new LedgerLimitError(limitMessage.memory(workerMemoryMb))
              : new Error(`ledger parse process ended (code ${code}, signal ${signal})`),
          ),
        ),
      )
      const request: ParseRequest = { file, options: { ...options, limits } }
      child.send(request)
    })
  }
}

/** V8 aborts a process whose heap is full: SIGABRT (exit code 134 where a shell reports it). */
function outOfMemory(code: number | null, signal: NodeJS.Signals | null): boolean {
  return signal === 'SIGABRT' || signal === 'SIGTRAP' || code === 134
}

/**
 * A child process, not a worker thread: a worker's heap cap is soft (V8 lets a worker run past it
 * and its out-of-memory once ended the whole server), a process's is enforced by its own V8. The
 * parser sits beside the bundle (dist/ledgerParseProcess.js) when built; from the TypeScript
 * sources (`pnpm dev`, tests importing the server) the child loads tsx first.
 */
function startParseProcess(heapMb: number): ChildProcess {
  const semiSpaceMb = Math.min(32, Math.max(4, Math.round(heapMb / 16)))
  const heapFlags = [`--max-old-space-size=${heapMb}`, `--max-semi-space-size=${semiSpaceMb}`, '--stack-size=4000']
  const built = fileURLToPath(new URL('./ledgerParseProcess.js', import.meta.url))
  const options: ForkOptions = { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }
  if (existsSync(built)) return fork(built, [], { ...options, execArgv: heapFlags })
  const source = fileURLToPath(new URL('./parseProcess.ts', import.meta.url))
  return fork(source, [], { ...options, execArgv: [...heapFlags, '--import', import.meta.resolve('tsx')] })
}
