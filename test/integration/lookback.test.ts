import ExcelJS from 'exceljs'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { BoardRoot } from '@guatu/shared/board/boardDoc'
import { createProject, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { BoardDetailResponse } from '@guatu/shared/api/boards'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { ProjectId } from '@guatu/shared/domain/project'
import { STAGES } from '@guatu/shared/domain/stage'
import { connectClient, waitAllSynced, waitForDoc } from '../helpers/client.ts'
import { openSqliteFile } from '@guatu/server/storage/sqliteDatabase'
import { Rng } from '../helpers/prng.ts'
import { waitFor, momentBeforeNextChange } from '../helpers/wait.ts'
import { createBoard, requestJson, type RequestCredentials } from '../helpers/rest.ts'
import { createScreenLink } from '../helpers/accounts.ts'
import { OTHER_UNIT, OWN_UNIT, startRoleBoard } from '../helpers/roleBoard.ts'
import type { BoardComparison } from '@guatu/shared/api/lookback'
import { boardTotals, endMeeting, recordDecision, startMeeting } from '@guatu/shared/board/meetingCommands'
import { listMeetings } from '@guatu/shared/board/meetingQueries'
import { todayInChina, type IsoDate } from '@guatu/shared/domain/dates'
import { Role } from '@guatu/shared/domain/role'
import { clockShiftEnv, startServer, type TestServer } from '../helpers/server.ts'

const HOUR = 3600 * 1000

/** Every root of the board document as plain values: "field by field" means all of these. */
function boardContent(doc: Y.Doc): Record<string, unknown> {
  return Object.fromEntries(Object.values(BoardRoot).map((root) => [root, doc.getMap(root).toJSON()]))
}

async function boardStateAt(server: TestServer, boardId: string, at: number, credentials: RequestCredentials = {}): Promise<Response> {
  const headers: Record<string, string> = {}
  const token = credentials.token === undefined ? server.adminToken : credentials.token
  if (token) headers.authorization = `Bearer ${token}`
  return fetch(`${server.url}/api/boards/${encodeURIComponent(boardId)}/state?at=${encodeURIComponent(new Date(at).toISOString())}`, { headers })
}

async function pastDoc(server: TestServer, boardId: string, at: number): Promise<Y.Doc> {
  const response = await boardStateAt(server, boardId, at)
  expect(response.status, await response.clone().text()).toBe(200)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, new Uint8Array(await response.arrayBuffer()))
  return doc
}

/** What the server's database holds for the board: how far its live snapshot reaches, how many snapshots are kept. */
function storedHistory(dataDir: string, boardId: string): { snapshotSeq: number; kept: number } {
  const db = openSqliteFile(dataDir)
  try {
    const snapshot = db.prepare<[string], { upto_seq: number }>('SELECT upto_seq FROM board_snapshots WHERE board_id = ?').get(boardId)
    const kept = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM board_history_snapshots WHERE board_id = ?').get(boardId)
    return { snapshotSeq: snapshot?.upto_seq ?? 0, kept: kept?.n ?? 0 }
  } finally {
    db.close()
  }
}

interface Observation {
  /** The span (server clock) during which the watcher's board was exactly `content`. */
  from: number
  until: number
  content: Record<string, unknown>
}

describe('回头看: the board at any moment', () => {
  test('after a day of scripted changes with compactions and restarts, 20 random past moments equal what a watching client saw, field by field', async () => {
    const rng = new Rng(Number(process.env.GUATU_FUZZ_SEED ?? Date.now() % 1_000_000))
    // Snapshots kept every two hours and compaction every few updates: the day crosses both many times.
    const env = { GUATU_COMPACT_AFTER_UPDATES: '3', GUATU_HISTORY_SNAPSHOT_MINUTES: '120' }
    let server = await startServer({ env: { ...env, ...clockShiftEnv(0) } })
    const dataDir = server.dataDir
    const boardId = (await createBoard(server, '回头看测试看板', 2022)).id
    const observations: Observation[] = []
    const projects: ProjectId[] = []
    let firstChangeAt = Number.NaN

    for (const [phase, shift] of [0, 3 * HOUR, 7 * HOUR, 11 * HOUR, 16 * HOUR, 22 * HOUR].entries()) {
      if (phase > 0) {
        await server.stop()
        server = await startServer({ dataDir, env: { ...env, ...clockShiftEnv(shift) } })
      }
      const writer = connectClient(server, boardId)
      const watcher = connectClient(server, boardId)
      await waitAllSynced([writer, watcher])
      const serverNow = () => Date.now() + shift
      for (let step = 0; step < 6; step++) {
        const before = serverNow()
        if (observations.length > 0) observations.at(-1)!.until = before
        else firstChangeAt = before
        if (projects.length < 3 || rng.int(4) === 0) {
          projects.push(createProject(writer.doc, { name: `项目${projects.length + 1}`, stage: 'planning', unit: rng.int(2) === 0 ? '工信局' : '商务局' }))
        } else {
          const id = projects[rng.int(projects.length)]!
          if (rng.int(2) === 0) moveProject(writer.doc, id, { stage: STAGES[rng.int(STAGES.length)]! })
          else updateProject(writer.doc, id, { totalInvestment: String(1000 + rng.int(90_000)) as WanAmount, progressNote: `第${phase}段第${step}步` })
        }
        const expected = JSON.stringify(boardContent(writer.doc))
        await waitForDoc(watcher.doc, (doc) => JSON.stringify(boardContent(doc)) === expected, { message: `the watcher to see phase ${phase} step ${step}` })
        const seenAt = serverNow()
        observations.push({ from: seenAt, until: Number.NaN, content: boardContent(watcher.doc) })
        // Each state holds for a few milliseconds at least, so it has moments of its own to look back at.
        await waitFor(() => serverNow() >= seenAt + 5, { message: 'the clock to move on' })
      }
      // Each phase ends compacted (the server compacts once quiet), so the day crosses many compactions.
      const compactedBefore = storedHistory(dataDir, boardId).snapshotSeq
      await waitFor(() => storedHistory(dataDir, boardId).snapshotSeq > compactedBefore, { message: `phase ${phase} to be compacted` })
      observations.at(-1)!.until = serverNow()
      writer.provider.destroy()
      watcher.provider.destroy()
    }

    // Afterwards (the last server still running, history read back across every restart).
    const spans = observations.filter((seen) => seen.until > seen.from)
    expect(spans.length).toBe(observations.length)
    const picks = Array.from({ length: 20 }, () => spans[rng.int(spans.length)]!)
    for (const seen of picks) {
      const at = seen.from + Math.floor(rng.next() * (seen.until - seen.from))
      expect(boardContent(await pastDoc(server, boardId, at)), `the board at ${new Date(at).toISOString()} (seed ${rng.seed})`).toEqual(seen.content)
    }
    expect(listProjects(await pastDoc(server, boardId, firstChangeAt - 1)), 'just before the first change the board had no project').toEqual([])
    expect(storedHistory(dataDir, boardId).kept, 'snapshots kept through the day (every two hours)').toBeGreaterThanOrEqual(5)
  })

  test('the board, progress and ledger export at a moment answer as the board stood then; a future moment is refused', async () => {
    const server = await startServer()
    const boardId = (await createBoard(server, '回头看接口看板', 2022)).id
    const client = connectClient(server, boardId)
    const watcher = connectClient(server, boardId)
    await waitAllSynced([client, watcher])
    const id = createProject(client.doc, { name: '锂电材料项目', stage: 'planning', unit: '工信局', totalInvestment: '57800' as WanAmount })
    await waitForDoc(watcher.doc, (doc) => listProjects(doc).length === 1, { message: 'the project to be stored' })
    const before = await momentBeforeNextChange()
    moveProject(client.doc, id, { stage: 'started' })
    await waitForDoc(watcher.doc, (doc) => listProjects(doc)[0]?.stage === 'started', { message: 'the move to be stored' })

    const past = await requestJson<BoardDetailResponse>(server, `/api/boards/${boardId}?at=${encodeURIComponent(before)}`)
    expect(past.status).toBe(200)
    expect(past.body.projects.map((project) => project.stage)).toEqual(['planning'])
    const now = await requestJson<BoardDetailResponse>(server, `/api/boards/${boardId}`)
    expect(now.body.projects.map((project) => project.stage)).toEqual(['started'])

    const progress = await requestJson(server, `/api/boards/${boardId}/progress?at=${encodeURIComponent(before)}`)
    expect(progress.status).toBe(200)
    const exported = await fetch(`${server.url}/api/boards/${boardId}/export.xlsx?at=${encodeURIComponent(before)}`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    })
    expect(exported.status).toBe(200)
    expect(exported.headers.get('content-type')).toContain('spreadsheetml')

    const future = await requestJson<{ error: string }>(
      server,
      `/api/boards/${boardId}?at=${encodeURIComponent(new Date(Date.now() + 24 * HOUR).toISOString())}`,
    )
    expect(future.status).toBe(400)
    expect(future.body.error).toBe('不能查看未来的时刻')
    const garbage = await requestJson<{ error: string }>(server, `/api/boards/${boardId}?at=yesterday`)
    expect(garbage.status).toBe(400)
    expect(garbage.body.error).toContain('ISO')
    const beforeBoard = await requestJson<{ error: string }>(server, `/api/boards/${boardId}?at=2020-01-01T00:00:00Z`)
    expect(beforeBoard.status).toBe(404)
    expect(beforeBoard.body.error).toContain('早于看板建立')
  })
})

describe('变化对比 over REST', () => {
  test('by default lists the changes since the end of the last meeting, grouped by unit, with its 确定事项; screen links read it, nobody else', async () => {
    const board = await startRoleBoard()
    const me = (await requestJson<{ user: { id: string; username: string; displayName: string } }>(board.server, '/api/me')).body.user
    const chair = { kind: 'user', userId: me.id, username: me.username, displayName: me.displayName, role: Role.admin, units: [] } as const
    const meeting = startMeeting(
      board.admin.doc,
      { title: '第一次调度会', date: todayInChina(), attendees: [OWN_UNIT, OTHER_UNIT], agenda: [OTHER_UNIT, OWN_UNIT] },
      boardTotals(listProjects(board.admin.doc)),
      chair,
    )
    recordDecision(
      board.admin.doc,
      { meetingId: meeting, projectId: board.own, content: '协调电力增容', assignee: OWN_UNIT, deadline: '2020-01-01' as IsoDate },
      chair,
    )
    endMeeting(board.admin.doc, meeting, boardTotals(listProjects(board.admin.doc)))
    await waitForDoc(board.observer.doc, (doc) => listMeetings(doc)[0]?.endedAt !== undefined, { message: 'the meeting to end' })
    // A meeting boundary is kept as a snapshot of its own (beside the board's creation), once the board is quiet.
    await waitFor(() => storedHistory(board.server.dataDir, board.boardId).kept >= 2, { message: "the meeting's snapshot to be kept" })
    moveProject(board.admin.doc, board.own, { stage: 'signed' })
    moveProject(board.admin.doc, board.other, { stage: 'started' })
    await waitForDoc(board.observer.doc, (doc) => listProjects(doc).filter((project) => project.stage !== 'planning').length === 3, {
      message: 'the moves to be stored',
    })

    const path = `/api/boards/${board.boardId}/changes`
    const response = await requestJson<BoardComparison>(board.server, path, { token: board.screen.token })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect(response.body.meeting?.title).toBe('第一次调度会')
    expect(response.body.units.map((unit) => [unit.unit, unit.changes.map((change) => change.summary)])).toEqual([
      [OTHER_UNIT, ['阶段：谋划 → 开工']],
      [OWN_UNIT, ['阶段：谋划 → 签约']],
    ])
    expect(response.body.decisions.map((decision) => [decision.content, decision.outcome])).toEqual([['协调电力增容', 'overdue']])
    const sheet = await fetch(`${board.server.url}${path}.xlsx`, { headers: { authorization: `Bearer ${board.screen.token}` } })
    expect(sheet.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(await sheet.arrayBuffer()) as unknown as ArrayBuffer)
    const rows = workbook
      .getWorksheet('变化清单')!
      .getSheetValues()
      .slice(5)
      .map((row) => (row as unknown[]).slice(2, 6))
    expect(rows).toEqual([
      [OTHER_UNIT, '商务局冷链物流园', '阶段推进', '阶段：谋划 → 开工'],
      [OWN_UNIT, '工信局锂电材料项目', '阶段推进', '阶段：谋划 → 签约'],
    ])
    expect((await fetch(`${board.server.url}${path}.xlsx`)).status).toBe(401)
    const filtered = await requestJson<BoardComparison>(board.server, `${path}?unit=${encodeURIComponent(OWN_UNIT)}`, { token: board.viewer.token })
    expect(filtered.body.units.map((unit) => unit.unit)).toEqual([OWN_UNIT])

    expect((await requestJson(board.server, path, { token: null })).status).toBe(401)
    const foreign = await createScreenLink(board.server, (await createBoard(board.server, '别的看板')).id)
    expect((await requestJson(board.server, path, { token: foreign.token })).status).toBe(403)
    const reversed = await requestJson<{ error: string }>(board.server, `${path}?from=${encodeURIComponent(new Date().toISOString())}&to=2020-01-01T00:00:00Z`)
    expect(reversed.status).toBe(400)
  })
})
