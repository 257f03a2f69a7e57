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
 * and with synchronous=NORMAL the interval bounds what a power cut can lose.
 *
 * The worker runs only while the database is being written: a V8 isolate and a second SQLite
 * connection cost some 17 MB, which a server nobody edits on (a wall screen left on overnight)
 * should not pay. It starts when a write is seen and stops after `idleStopAfterMs` without one;
 * while it is not running, and should it stop on its own, SQLite's own checkpointing is on.
 */
export function startWalCheckpointer(
  db: Database.Database,
  log: Logger,
  { everyMs = 1_000, pollEveryMs = 1_000, idleStopAfterMs = 60_000 } = {},
): WalCheckpointer {
  let worker: Worker | undefined
  let exited = Promise.resolve()
  let stopping = false
  let lastWriteAt = 0
  // Writes made by this connection (the only writer), counted by SQLite: a cheap way to see them
  // without a hook in every store.
  const totalChanges = db.prepare('SELECT total_changes() AS changes').pluck()
  let changesSeen = totalChanges.get() as number

  const start = () => {
    const started = startWorker({ file: db.name, everyMs })
    worker = started
    started.unref()
    started.once('online', () => {
      if (!stopping && worker === started && db.open) db.pragma('wal_autocheckpoint = 0')
    })
    started.on('error', (error) => log.error('background checkpoints failed', { ...errorFields(error) }))
    exited = new Promise<void>((resolve) =>
      started.once('exit', (code) => {
        if (worker === started) worker = undefined
        if (code !== 0 && !stopping) log.warn('background checkpoints stopped; SQLite checkpoints inside commits again')
        // A worker started since (writes came back while this one was leaving) keeps them off.
        if (db.open && !worker) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`)
        resolve()
      }),
    )
  }

  const poll = setInterval(() => {
    if (!db.open) return
    const changes = totalChanges.get() as number
    const now = Date.now()
    if (changes !== changesSeen) {
      changesSeen = changes
      lastWriteAt = now
      if (!worker) start()
    } else if (worker && now - lastWriteAt > idleStopAfterMs) {
      worker.postMessage('stop')
      worker = undefined
    }
  }, pollEveryMs)
  poll.unref()

  return {
    async stop() {
      stopping = true
      clearInterval(poll)
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
