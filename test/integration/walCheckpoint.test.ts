import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { openSqliteDatabase } from '@guatu/server/storage/sqliteDatabase'
import { SqliteStorage } from '@guatu/server/storage/sqliteStorage'
import { updateProject } from '@guatu/shared/board/projectCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import type { ProjectId } from '@guatu/shared/domain/project'
import { seedProjects } from '../helpers/board.ts'
import { connectClient } from '../helpers/client.ts'
import { Rng } from '../helpers/prng.ts'
import { createBoard } from '../helpers/rest.ts'
import { startServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/wait.ts'

const EDITS = 1500
const EDITS_PER_BATCH = 100

/** The progress note as the database file alone holds it, without its write-ahead log. */
async function noteInDatabaseFile(databaseFile: string, boardId: string, projectId: ProjectId): Promise<string | undefined> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guatu-main-file-'))
  try {
    await copyFile(databaseFile, path.join(dir, 'guatu.sqlite'))
    const storage = new SqliteStorage(openSqliteDatabase(dir))
    const stored = await storage.loadBoardState(boardId)
    await storage.close()
    const doc = new Y.Doc()
    for (const update of [stored.snapshot, ...stored.updates]) if (update) Y.applyUpdate(doc, update)
    return readProject(doc, projectId)?.progressNote
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

describe('write-ahead log checkpoints', () => {
  // The server turns SQLite's checkpoint-inside-a-commit off and checkpoints from a worker thread
  // instead. Left to SQLite, the last changes would stay in the log until 1,000 pages had gathered.
  test('shortly after the last edit the database file itself holds it, while the server runs', async () => {
    // One client makes every edit, faster than the default per-connection rate allows.
    const server = await startServer({ env: { GUATU_MESSAGES_PER_SECOND: '100000', GUATU_MESSAGE_BURST: '100000' } })
    const board = await createBoard(server, '检查点测试')
    const client = connectClient(server, board.id, { acks: true })
    await client.waitSynced()
    const [id] = seedProjects(client.doc, 1, new Rng(7)) as [ProjectId]
    for (let done = 0; done < EDITS; done += EDITS_PER_BATCH) {
      for (let edit = done; edit < done + EDITS_PER_BATCH; edit++) updateProject(client.doc, id, { progressNote: `第 ${edit + 1} 次进展` })
      await client.waitSaved()
    }
    const last = `第 ${EDITS} 次进展`
    expect(readProject(client.doc, id)?.progressNote).toBe(last)

    const databaseFile = path.join(server.dataDir, 'guatu.sqlite')
    // A copy taken while the checkpointer writes pages can be torn: that copy does not count.
    let lastReadError = 'none'
    const noteInCopy = () =>
      noteInDatabaseFile(databaseFile, board.id, id).catch((error: unknown) => {
        lastReadError = String(error)
        return undefined
      })
    await waitFor(async () => (await noteInCopy()) === last, {
      message: 'the last edit in the database file (checkpointed from the log)',
      describe: () => `last error reading a copy: ${lastReadError}`,
      timeoutMs: 5_000,
    })
    client.destroy()
    await server.stop()
  })
})
