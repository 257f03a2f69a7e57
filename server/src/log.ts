/** Structured logs: one JSON object per line on stdout/stderr, easy to grep and to ship. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

export type LogLevel = 'info' | 'warn' | 'error' | 'silent'
const LEVEL_RANK: Record<LogLevel, number> = { info: 0, warn: 1, error: 2, silent: 3 }

export function createLogger(level: LogLevel = 'info'): Logger {
  const write = (at: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>) => {
    if (LEVEL_RANK[at] < LEVEL_RANK[level]) return
    const line = JSON.stringify({ time: new Date().toISOString(), level: at, msg: message, ...fields })
    if (at === 'info') process.stdout.write(`${line}\n`)
    else process.stderr.write(`${line}\n`)
  }
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  }
}

/** An error as log fields, with its stack: a handler failure must be traceable to a line. */
export function errorFields(error: unknown): { error: string; stack?: string } {
  if (error instanceof Error) return { error: String(error), stack: error.stack }
  return { error: String(error) }
}
