import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { SaxesParser } from 'saxes'
import { openSqliteDatabase } from '@guatu/server/storage/sqliteDatabase'
import { SqliteStorage } from '@guatu/server/storage/sqliteStorage'
import { RecordCollection, collectionRoot, projectsRoot } from '@guatu/shared/board/boardDoc'
import { boardTotals, endMeeting, recordDecision, startMeeting } from '@guatu/shared/board/meetingCommands'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { Principal } from '@guatu/shared/domain/principal'
import { MessageType } from '@guatu/shared/sync/protocol'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { docxParagraphs, fetchMinutesFile } from '../helpers/minutesDocument.ts'
import { captureUpdate, openRawSyncSocket } from '../helpers/rawSocket.ts'
import { authHeaders, createBoard, expectStatus, fetchBoard, requestJson } from '../helpers/rest.ts'
import { type TestServer } from '../helpers/server.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import { zipTextEntries } from '../helpers/zipEntries.ts'
import type { ErrorResponse } from '@guatu/shared/api/errors'
import type { UserMeResponse } from '@guatu/shared/api/session'
import type { BoardListResponse } from '@guatu/shared/api/boards'

const CHINESE = /[\u4e00-\u9fff]/
const AS_OF = '2022-08-20' as IsoDate

/** Parses `xml` as a strict XML 1.0 parser does; throws on any character XML cannot hold. */
function parseXml(xml: string, what: string): void {
  const parser = new SaxesParser()
  let failure: Error | undefined
  parser.on('error', (error) => {
    failure ??= error
  })
  parser.write(xml).close()
  if (failure) throw new Error(`${what} is not well-formed XML: ${failure.message}`)
}

/**
 * Writes `change` straight into the stored update log, and `boardName` into the board list, as an
 * older version (or a database tool) might have.
 */
async function writeIntoStorage(server: TestServer, boardId: string, boardName: string, change: (doc: Y.Doc) => void): Promise<void> {
  await server.stop()
  const db = openSqliteDatabase(server.dataDir)
  db.prepare('UPDATE boards SET name = ? WHERE id = ?').run(boardName, boardId)
  const storage = new SqliteStorage(db)
  try {
    const stored = await storage.loadBoardState(boardId)
    const doc = new Y.Doc()
    for (const update of [stored.snapshot, ...stored.updates]) if (update) Y.applyUpdate(doc, update)
    const update = captureUpdate(doc, () => change(doc))
    await storage.appendUpdates([{ boardId, update, audit: [] }])
  } finally {
    await storage.close()
  }
  await server.restart()
}

describe('text that no export could hold', () => {
  test('a project name with U+FFFE written through a raw Yjs update is refused with a Chinese reason', async () => {
    const server = await startInProcessServer()
    const board = await createBoard(server, '非法字符')
    const admin = connectClient(server, board.id, { acks: true })
    await admin.waitSynced()
    const id = createProject(admin.doc, { name: '高端装备产业园', unit: '工信局', stage: 'signed' })
    await admin.waitSaved()

    const raw = await openRawSyncSocket(server, board.id)
    await raw.waitForFrame((frame) => frame.type === MessageType.sync && frame.syncType === 1, 'the board state (SyncStep2)')
    raw.sendUpdate(captureUpdate(raw.doc, () => projectsRoot(raw.doc).get(id)?.set('name', '高端装备\uFFFE产业园')))
    await raw.waitForFrame((frame) => frame.type === MessageType.auth, 'a permission-denied message for the update')
    expect(raw.deniedReasons()[0]).toMatch(CHINESE)
    expect(raw.deniedReasons()[0]).toContain('U+FFFE')
    expect((await fetchBoard(server, board.id)).projects.map((project) => project.name)).toEqual(['高端装备产业园'])
  })

  test('board names, user names and screen link names with control characters are refused in Chinese', async () => {
    const server = await startInProcessServer()
    const board = await createBoard(server, '名称校验')
    const attempts = [
      await requestJson<ErrorResponse>(server, '/api/boards', { body: { name: '重点\uFFFE项目', year: 2025 } }),
      await requestJson<ErrorResponse>(server, '/api/users', {
        body: { username: 'zhang', password: 'zhang-pass-1', role: 'editor', units: ['工信\u0007局'] },
      }),
      await requestJson<ErrorResponse>(server, '/api/users', {
        body: { username: 'li', password: 'li-pass-123', role: 'viewer', units: [], displayName: '李\uD800' },
      }),
      await requestJson<ErrorResponse>(server, '/api/screen-links', { body: { boardId: board.id, name: '大屏\u001B' } }),
    ]
    for (const attempt of attempts) {
      expect(attempt.status, JSON.stringify(attempt.body)).toBe(400)
      expect(attempt.body.error).toMatch(/含有不能保存的字符/)
    }
    const boards = expectStatus(await requestJson<BoardListResponse>(server, '/api/boards'), 200, 'GET /api/boards').boards
    expect(boards.map((listed) => listed.name)).toEqual(['名称校验'])
  })

  test('a board already holding such characters still exports a ledger the server imports back and minutes whose XML parses', async () => {
    const server = await startInProcessServer()
    const board = await createBoard(server, '存量数据', 2022)
    const admin = connectClient(server, board.id, { acks: true })
    await admin.waitSynced()
    const me = expectStatus(await requestJson<UserMeResponse>(server, '/api/me'), 200, 'GET /api/me').user
    const chair: Principal = { kind: 'user', userId: me.id, username: 'admin', displayName: '项目办', role: 'admin', units: [] }
    const projectId = createProject(admin.doc, { name: '高端装备产业园', unit: '工信局', stage: 'signed', totalInvestment: '52000' as WanAmount })
    const totals = () => boardTotals(listProjects(admin.doc))
    const meetingId = startMeeting(
      admin.doc,
      { title: '8月项目调度会', date: AS_OF, attendees: ['工信局'], agenda: ['工信局'], location: '三楼会议室' },
      totals(),
      chair,
    )
    const decisionId = recordDecision(
      admin.doc,
      { meetingId, projectId, content: '9月底前完成设备进场', assignee: '工信局', deadline: '2022-09-30' as IsoDate },
      chair,
    )
    endMeeting(admin.doc, meetingId, totals())
    await admin.waitSaved()
    admin.destroy()

    // (A lone surrogate cannot reach storage this way: Yjs encodes text as UTF-8, which turns it into U+FFFD.)
    await writeIntoStorage(server, board.id, '存量\uFFFE数据', (doc) => {
      projectsRoot(doc).get(projectId)?.set('name', '高端装备\uFFFE产业园\u0001')
      projectsRoot(doc).get(projectId)?.set('progressNote', '设备\u000B已进场\uFFFF')
      collectionRoot(doc, RecordCollection.meetings).get(meetingId)?.set('title', '8月\uFFFE项目调度会')
      collectionRoot(doc, RecordCollection.decisions).get(decisionId)?.set('content', '9月底前\u0008完成设备进场')
    })
    const observer = connectClient(server, board.id)
    await waitForDoc(observer.doc, (doc) => String(projectsRoot(doc).get(projectId)?.get('name')).includes('\uFFFE'), {
      message: 'the stored name to still hold U+FFFE',
    })
    // Read through the schema, the board shows the name without it rather than losing the name.
    expect(listProjects(observer.doc).map((project) => project.name)).toEqual(['高端装备产业园'])
    observer.destroy()

    const exported = await fetch(`${server.url}/api/boards/${board.id}/export.xlsx`, { headers: authHeaders(server) })
    expect(exported.status).toBe(200)
    const xlsx = new Uint8Array(await exported.arrayBuffer())
    const xlsxFiles = zipTextEntries(xlsx)
    for (const [name, xml] of xlsxFiles) if (name.endsWith('.xml')) parseXml(xml, name)
    expect(xlsxFiles.get('xl/sharedStrings.xml') ?? '', 'the title row names the board').toContain('存量数据台账')

    const target = await createBoard(server, '导回', 2022)
    const form = new FormData()
    form.append('file', new Blob([xlsx]), 'export.xlsx')
    const imported = await fetch(`${server.url}/api/boards/${target.id}/import`, { method: 'POST', headers: authHeaders(server), body: form })
    expect(imported.status, await imported.clone().text()).toBe(200)
    const projects = (await fetchBoard(server, target.id)).projects
    expect(projects.map((project) => [project.name, project.progressNote])).toEqual([['高端装备产业园', '设备已进场']])

    const docx = await fetchMinutesFile(server, board.id, meetingId, 'docx')
    expect(docx.status).toBe(200)
    const documentXml = zipTextEntries(docx.bytes).get('word/document.xml') ?? ''
    parseXml(documentXml, 'word/document.xml')
    const paragraphs = docxParagraphs(documentXml)
    expect(paragraphs[0]).toBe('8月项目调度会')
    expect(paragraphs.join('\n')).toContain('9月底前完成设备进场')
    expect(paragraphs.join('\n')).toContain('高端装备产业园')
  })
})
