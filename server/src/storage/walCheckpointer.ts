import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'
import { errorFields, type Logger } from '../log.ts'
import type { CheckpointWorkerData } from './walCheckpointWorker.ts'

/** SQLite's own threshold, in force until the worker runs and again if it stops. */
const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1000

export interface WalCheckpointer {
  stop(): Promise<void>
}

/**
 * Moves WAL checkpoints off the commit path. Left to itself SQLite checkpoints inside the commit
 * that crosses 1,000 pages: several milliseconds of copying and fsync on the event loop, every
 * few hundred card moves, that every client waiting for a broadcast would feel. A worker thread
 * with its own connection does it instead, every `everyMs`: a page that every commit touches (the
 * ends of the log tables and their indexes) is copied once per checkpoint however often it changed,
 * and with synchronous=NORMAL the interval bounds what a power cut can lose. Should the worker
 * stop on its own, SQLite's own checkpointing is switched back on, so the log never grows without bound.
 */
export function startWalCheckpointer(db: Database.Database, log: Logger, { everyMs = 1_000, startAfterMs = 2_000 } = {}): WalCheckpointer {
  let worker: Worker | undefined
  let stopping = false
  let exited = Promise.resolve()
  // Started shortly after the server: its own start-up (a V8 isolate, the SQLite driver) would
  // otherwise take CPU from the first clients. Until it runs, SQLite checkpoints as it always did.
  const timer = setTimeout(() => {
    const started = startWorker({ file: db.name, everyMs })
    worker = started
    started.unref()
    started.once('online', () => {
      if (!stopping && db.open) db.pragma('wal_autocheckpoint = 0')
    })
    started.on('error', (error) => log.error('background checkpoints failed', { ...errorFields(error) }))
    exited = new Promise<void>((resolve) =>
      started.once('exit', () => {
        if (!stopping && db.open) {
          log.warn('background checkpoints stopped; SQLite checkpoints inside commits again')
          db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`)
        }
        resolve()
      }),
    )
  }, startAfterMs)
  timer.unref()
  return {
    async stop() {
      stopping = true
      clearTimeout(timer)
      worker?.postMessage('stop')
      await exited
    },
  }
}

/**
 * The worker sits beside the bundle (dist/walCheckpointWorker.js) when built. From the TypeScript
 * sources (`pnpm dev`, under tsx) a worker does not inherit tsx's loader: it registers it, then
 * imports the source.
 */
function startWorker(workerData: CheckpointWorkerData): Worker {
  const built = new URL('./walCheckpointWorker.js', import.meta.url)
  if (existsSync(fileURLToPath(built))) return new Worker(built, { workerData })
  const source = new URL('./walCheckpointWorker.ts', import.meta.url).href
  const loader = import.meta.resolve('tsx/esm/api')
  const code = `import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}) })`
  return new Worker(code, { eval: true, workerData })
}
