import type { Logger } from '../log.ts'
import { errorFields } from '../log.ts'

/** More uncaught exceptions than this within UNCAUGHT_WINDOW_MS mean the process itself is broken. */
export const MAX_UNCAUGHT_EXCEPTIONS = 10
export const UNCAUGHT_WINDOW_MS = 60_000

export interface ProcessGuardOptions {
  /**
   * The orderly way out (flush accepted changes, close every socket with 1012 so clients reconnect
   * and resend what was not acknowledged); called once uncaught exceptions keep coming.
   */
  shutDown: (reason: string) => void
}

/**
 * The last line behind the per-connection error boundaries (Connection.guard). Node's default is to
 * exit on either event, which would end every board's sessions for one stray error.
 *
 * - `unhandledRejection` is logged with its stack and the server keeps serving: a rejection is an
 *   asynchronous failure whose synchronous work had already finished, so nothing was left half-done.
 * - `uncaughtException` is logged with its stack and the server keeps serving too. Node warns that
 *   resuming after one is unsafe because the throw may have left objects half-updated; here that is
 *   at most one room's in-memory state, every change anyone has seen is durable, and a client
 *   resends what was not acknowledged, so exiting would cost everyone more than it protects. A
 *   burst of them (more than MAX_UNCAUGHT_EXCEPTIONS in UNCAUGHT_WINDOW_MS) means the process is
 *   broken, not one handler: then it shuts down in order (`shutDown`) and a supervisor restarts it.
 */
export function installProcessGuards(log: Logger, options: ProcessGuardOptions): () => void {
  const recent: number[] = []
  let shuttingDown = false
  const onRejection = (reason: unknown) => {
    log.error('unhandled rejection', errorFields(reason))
  }
  const onException = (error: unknown) => {
    const now = Date.now()
    recent.push(now)
    while (recent.length > 0 && (recent[0] ?? now) <= now - UNCAUGHT_WINDOW_MS) recent.shift()
    log.error('uncaught exception', { ...errorFields(error), inLastMinute: recent.length })
    if (recent.length > MAX_UNCAUGHT_EXCEPTIONS && !shuttingDown) {
      shuttingDown = true
      options.shutDown('uncaught exceptions')
    }
  }
  process.on('unhandledRejection', onRejection)
  process.on('uncaughtException', onException)
  return () => {
    process.off('unhandledRejection', onRejection)
    process.off('uncaughtException', onException)
  }
}
