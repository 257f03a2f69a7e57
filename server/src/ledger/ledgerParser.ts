import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { LedgerLimitError, limitMessage, type LedgerImportLimits } from './importLimits.ts'
import { LedgerFormatError } from './ledgerFormatError.ts'
import type { ParsedLedger } from './ledgerTypes.ts'
import type { ParseLedgerOptions } from './parseLedger.ts'
import type { ParseWorkerAnswer, ParseWorkerData } from './parseWorker.ts'

export interface LedgerParserSettings {
  limits: LedgerImportLimits
  /** The worker's heap (V8 old generation); a file needing more is refused, the server lives on. */
  workerMemoryMb: number
  /** Wall-clock time a worker gets before it is stopped and the file refused. */
  timeoutMs: number
  /** Workers at once; each may use `workerMemoryMb`, so this bounds what imports can take. */
  concurrency: number
  /** Uploads waiting for a worker beyond which another one is turned away at once. */
  maxWaiting: number
}

/** Every worker busy and the queue full: try again shortly (429 with Retry-After). */
export class LedgerParserBusyError extends Error {
  constructor() {
    super('正在读取其他台账，请稍后重试')
  }
}

/**
 * Parses uploaded ledgers in worker threads with a capped heap and a deadline, a few at a time.
 * The limits on rows, columns and text are enforced inside the worker while it reads; the heap
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
      return await this.parseInWorker(file, options)
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

  private parseInWorker(file: Uint8Array, options: ParseLedgerOptions): Promise<ParsedLedger> {
    const { limits, workerMemoryMb, timeoutMs } = this.settings
    // A copy is handed over, not shared: the caller may read the file again (a refused commit re-plans).
    const copy = file.slice()
    const workerData: ParseWorkerData = { file: copy, options: { ...options, limits } }
    const worker = startWorker(workerData, [copy.buffer], {
      maxOldGenerationSizeMb: workerMemoryMb,
      maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.round(workerMemoryMb / 8))),
      stackSizeMb: 4,
    })
    return new Promise<ParsedLedger>((resolve, reject) => {
      let settled = false
      const settle = (outcome: () => void) => {
        if (settled) return
        settled = true
        clearTimeout(deadline)
        outcome()
        void worker.terminate()
      }
      const deadline = setTimeout(() => settle(() => reject(new LedgerLimitError(limitMessage.time(timeoutMs)))), timeoutMs)
      worker.once('message', (answer: ParseWorkerAnswer) =>
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
      worker.once('error', (error: Error & { code?: string }) =>
        settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new LedgerLimitError(limitMessage.memory(workerMemoryMb)) : error)),
      )
      worker.once('exit', (code) =>
        // Out of memory can also end the thread without an 'error' event.
        settle(() => reject(new LedgerLimitError(code === 1 ? limitMessage.memory(workerMemoryMb) : limitMessage.time(timeoutMs)))),
      )
    })
  }
}

/**
 * The worker sits beside the bundle (dist/ledgerParseWorker.js) when built. From the TypeScript
 * sources (`pnpm dev`, tests importing the server) a worker does not inherit tsx's loader: it
 * registers it, then imports the source.
 */
function startWorker(workerData: ParseWorkerData, transferList: ArrayBuffer[], resourceLimits: Worker['resourceLimits'] & object): Worker {
  const built = new URL('./ledgerParseWorker.js', import.meta.url)
  if (existsSync(fileURLToPath(built))) return new Worker(built, { workerData, transferList, resourceLimits })
  const source = new URL('./parseWorker.ts', import.meta.url).href
  const loader = import.meta.resolve('tsx/esm/api')
  const code = `import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}) })`
  return new Worker(code, { eval: true, workerData, transferList, resourceLimits })
}
