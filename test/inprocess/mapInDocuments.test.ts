import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { endMeeting, startMeeting } from '@guatu/shared/board/meetingCommands'
import { meetingFigures } from '@guatu/shared/board/meetingFigures'
import { listProblems } from '@guatu/shared/board/problemQueries'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { UserMeResponse } from '@guatu/shared/api/session'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { Principal } from '@guatu/shared/domain/principal'
import { DEFAULT_BOARD_SETTINGS } from '@guatu/shared/progress/boardSettings'
import { todayInChina } from '@guatu/shared/domain/dates'
import { connectClient, type TestClient } from '../helpers/client.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import { docxParagraphs, fetchMinutesFile } from '../helpers/minutesDocument.ts'
import { authHeaders, createBoard, expectStatus, requestJson } from '../helpers/rest.ts'
import type { TestServer } from '../helpers/server.ts'
import { zipTextEntries } from '../helpers/zipEntries.ts'

const DEMO = 'demo'
const PNG_IN_DOCX = /^word\/media\/.+\.png$/

async function monthlyReportDocx(server: TestServer, boardId: string): Promise<Map<string, string>> {
  const month = todayInChina().slice(0, 7)
  const response = await fetch(`${server.url}/api/boards/${boardId}/monthly-report.docx?month=${month}`, { headers: authHeaders(server) })
  expect(response.status).toBe(200)
  return zipTextEntries(new Uint8Array(await response.arrayBuffer()))
}

describe('the map in the Word documents', () => {
  let server: TestServer
  let admin: TestClient | undefined

  beforeAll(async () => {
    server = await startInProcessServer({ demo: true })
  })
  afterAll(() => admin?.destroy())

  test('the 月报 of a board whose projects have places ends with its 项目分布图', async () => {
    const entries = await monthlyReportDocx(server, DEMO)
    expect([...entries.keys()].filter((name) => PNG_IN_DOCX.test(name))).toHaveLength(1)
    expect(docxParagraphs(entries.get('word/document.xml')!)).toContain('六、项目分布图')
  })

  test('the minutes carry the map as the meeting ended, after the totals', async () => {
    admin = connectClient(server, DEMO, { acks: true })
    await admin.waitSynced()
    const me = expectStatus(await requestJson<UserMeResponse>(server, '/api/me'), 200, 'GET /api/me').user
    const chair: Principal = { kind: 'user', userId: me.id, username: 'admin', displayName: '项目办', role: 'admin', units: [] }
    const settings = DEFAULT_BOARD_SETTINGS(2022)
    const totals = () => meetingFigures({ projects: listProjects(admin!.doc), problems: listProblems(admin!.doc), settings, asOf: '2022-08-20' as IsoDate })
    const meeting = startMeeting(admin.doc, { title: '项目调度会', date: '2022-08-20' as IsoDate, attendees: ['工信局'], agenda: ['工信局'] }, totals(), chair)
    endMeeting(admin.doc, meeting, totals())
    await admin.waitSaved()
    const minutes = await fetchMinutesFile(server, DEMO, meeting, 'docx')
    expect(minutes.status).toBe(200)
    const entries = zipTextEntries(minutes.bytes)
    expect([...entries.keys()].filter((name) => PNG_IN_DOCX.test(name))).toHaveLength(1)
    const paragraphs = docxParagraphs(entries.get('word/document.xml')!)
    expect(paragraphs.some((text) => text.startsWith('项目分布图（会议结束时'))).toBe(true)
  })

  test('a board with no project placed has no map in its 月报', async () => {
    const board = await createBoard(server, '无坐标看板', Number(todayInChina().slice(0, 4)))
    const entries = await monthlyReportDocx(server, board.id)
    expect([...entries.keys()].filter((name) => PNG_IN_DOCX.test(name))).toEqual([])
    expect(docxParagraphs(entries.get('word/document.xml')!)).not.toContain('六、项目分布图')
  })
})
