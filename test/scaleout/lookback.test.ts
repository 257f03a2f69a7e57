import pg from 'pg'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { BoardRoot } from '@guatu/shared/board/boardDoc'
import { createProject, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { ProjectId } from '@guatu/shared/domain/project'
import { STAGES } from '@guatu/shared/domain/stage'
import { connectClient, waitAllSynced, waitForDoc } from '../helpers/client.ts'
import { Rng } from '../helpers/prng.ts'
import { createBoard } from '../helpers/rest.ts'
import type { TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/wait.ts'
import { startCluster } from './cluster.ts'

function boardContent(doc: Y.Doc): Record<string, unknown> {
  return Object.fromEntries(Object.values(BoardRoot).map((root) => [root, doc.getMap(root).toJSON()]))
}

async function pastContent(server: TestServer, boardId: string, at: number): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}/api/boards/${boardId}/state?at=${encodeURIComponent(new Date(at).toISOString())}`, {
    headers: { authorization: `Bearer ${server.adminToken}` },
  })
  expect(response.status).toBe(200)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, new Uint8Array(await response.arrayBuffer()))
  return boardContent(doc)
}

/** How far the board's live snapshot reaches (its last compaction). */
async function compactedUpTo(url: string, boardId: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ upto_seq: string }>('SELECT upto_seq FROM board_snapshots WHERE board_id = $1', [boardId])
    return Number(rows[0]?.upto_seq ?? 0)
  } finally {
    await client.end()
  }
}

describe('回头看 scaled out on PostgreSQL', () => {
  test('changes written through one process and watched through another are shown at random past moments exactly, by either process, across compactions', async () => {
    const rng = new Rng(Number(process.env.GUATU_FUZZ_SEED ?? Date.now() % 1_000_000))
    const { servers, database } = await startCluster(2, { GUATU_COMPACT_AFTER_UPDATES: '3', GUATU_HISTORY_SNAPSHOT_MINUTES: '1' })
    const [a, b] = servers as [TestServer, TestServer]
    const boardId = (await createBoard(a, '集群回头看', 2022)).id
    const writer = connectClient(a, boardId)
    const watcher = connectClient(b, boardId)
    await waitAllSynced([writer, watcher])
    const observations: Array<{ from: number; until: number; content: Record<string, unknown> }> = []
    const projects: ProjectId[] = []
    for (let step = 0; step < 24; step++) {
      if (observations.length > 0) observations.at(-1)!.until = Date.now()
      if (projects.length < 3 || rng.int(4) === 0) {
        projects.push(createProject(writer.doc, { name: `项目${projects.length + 1}`, stage: 'planning', unit: '工信局' }))
      } else {
        const id = projects[rng.int(projects.length)]!
        if (rng.int(2) === 0) moveProject(writer.doc, id, { stage: STAGES[rng.int(STAGES.length)]! })
        else updateProject(writer.doc, id, { totalInvestment: String(1000 + rng.int(90_000)) as WanAmount })
      }
      const expected = JSON.stringify(boardContent(writer.doc))
      await waitForDoc(watcher.doc, (doc) => JSON.stringify(boardContent(doc)) === expected, {
        message: `the watcher on the other process to see step ${step}`,
      })
      const seenAt = Date.now()
      observations.push({ from: seenAt, until: Number.NaN, content: boardContent(watcher.doc) })
      await waitFor(() => Date.now() >= seenAt + 5, { message: 'the clock to move on' })
      if (step % 8 === 7) {
        // A compaction in the middle of the run (a process compacts once the board is quiet).
        const before = await compactedUpTo(database.url, boardId)
        await waitFor(async () => (await compactedUpTo(database.url, boardId)) > before, { message: `a compaction after step ${step}` })
      }
    }
    observations.at(-1)!.until = Date.now()

    expect(observations.every((seen) => seen.until > seen.from)).toBe(true)
    for (let i = 0; i < 20; i++) {
      const seen = observations[rng.int(observations.length)]!
      const at = seen.from + Math.floor(rng.next() * (seen.until - seen.from))
      const server = i % 2 === 0 ? a : b
      expect(await pastContent(server, boardId, at), `the board at ${new Date(at).toISOString()} from process ${i % 2} (seed ${rng.seed})`).toEqual(
        seen.content,
      )
    }
  })
})
