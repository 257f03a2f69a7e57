/**
 * Runs in a worker thread (see walCheckpointer.ts): copies the write-ahead log into the database
 * file on its own connection, so the commit that crosses the checkpoint threshold no longer does
 * that work (and its fsyncs) on the event loop.
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

export interface CheckpointWorkerData {
  file: string
  everyMs: number
}

const { file, everyMs } = workerData as CheckpointWorkerData
const db = new Database(file, { fileMustExist: true })
db.pragma('busy_timeout = 5000')

const timer = setInterval(() => {
  // PASSIVE never waits for the writer and never makes it wait; once every frame is copied the
  // writer starts the log from its beginning again, so it stays small.
  db.pragma('wal_checkpoint(PASSIVE)')
}, everyMs)

parentPort?.on('message', (message: unknown) => {
  if (message !== 'stop') return
  clearInterval(timer)
  db.close()
  parentPort?.close()
})
