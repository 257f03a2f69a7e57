import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { readBoardSettings, writeBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import { createProject, moveProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { ProjectId } from '@guatu/shared/domain/project'
import { DEFAULT_BOARD_SETTINGS } from '@guatu/shared/progress/boardSettings'
import { projectLights } from '@guatu/shared/progress/lights'
import { computeWeeklyRanking } from '@guatu/shared/progress/ranking'
import { createAccount } from '../helpers/accounts.ts'
import { connectClient, waitAllSynced, waitForDoc } from '../helpers/client.ts'
import { authHeaders, createBoard, expectParsed, requestJson } from '../helpers/rest.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import type { ErrorResponse } from '@guatu/shared/api/errors'
import { progressReportResponseSchema } from '@guatu/shared/api/reports'

const AS_OF = '2022-08-20' as IsoDate

/** The lights a client computes from its own synced copy of the board. */
function lightsOf(doc: Y.Doc, id: ProjectId) {
  const project = listProjects(doc).find((candidate) => candidate.id === id)!
  return projectLights(project, readBoardSettings(doc, 2022), AS_OF)
}

function unitRow(doc: Y.Doc, unit: string) {
  const ranking = computeWeeklyRanking({
    projects: listProjects(doc),
    problems: [],
    settings: readBoardSettings(doc, 2022),
    weekOf: AS_OF,
    groupBy: 'unit',
    asOf: AS_OF,
  })
  return ranking.rows.find((row) => row.name === unit)!
}

describe('targets and lights on a live board', () => {
  it("moving a card past its planned date clears its red light and lifts the unit's ranking row, as a second client sees", async () => {
    const server = await startInProcessServer()
    const board = await createBoard(server, '示例区2022年重点项目', 2022)
    const department = await createAccount(server, {
      username: 'gxj',
      password: 'gongxin-pass-1',
      role: 'editor',
      units: ['工信局'],
      displayName: '工信局刘科长',
    })
    const office = connectClient(server, board.id)
    const clerk = connectClient(server, board.id, { token: department.token })
    const leader = connectClient(server, board.id)
    await waitAllSynced([office, clerk, leader])

    // Planned to start on 2022-07-01, still only signed on 2022-08-20: 50 days overdue, past the 30-day red line.
    writeBoardSettings(office.doc, { ...DEFAULT_BOARD_SETTINGS(2022), asOf: AS_OF })
    const late = createProject(office.doc, {
      name: '华能高性能纤维项目',
      unit: '工信局',
      stage: 'signed',
      actualSignDate: '2022-03-10' as IsoDate,
      plannedStartDate: '2022-07-01' as IsoDate,
    })
    await waitForDoc(leader.doc, (doc) => listProjects(doc).some((project) => project.id === late) && readBoardSettings(doc, 2022).asOf === AS_OF, {
      message: 'the leader to receive the project and the settings',
    })
    // The department moves the card next: its client must hold it first (it syncs independently of the leader's).
    await waitForDoc(clerk.doc, (doc) => listProjects(doc).some((project) => project.id === late), { message: 'the department to receive the project' })
    expect(lightsOf(leader.doc, late)).toEqual([
      expect.objectContaining({ rule: 'schedule', light: 'red', reason: expect.stringContaining('计划开工时间2022年7月1日已过50天') }),
    ])
    const before = unitRow(leader.doc, '工信局')

    moveProject(clerk.doc, late, { stage: 'started' }, { today: '2022-08-18' as IsoDate })
    await waitForDoc(leader.doc, (doc) => listProjects(doc).find((project) => project.id === late)?.stage === 'started', {
      message: "the leader to see the department's move",
    })

    expect(lightsOf(leader.doc, late).filter((light) => light.rule === 'schedule')).toEqual([])
    const after = unitRow(leader.doc, '工信局')
    expect(after.advances).toBe(before.advances + 1)
    expect(after.overdue).toBe(before.overdue - 1)
    expect(after.openRed).toBe(before.openRed - 1)
    expect(after.scoreTenths).toBeGreaterThan(before.scoreTenths)

    const report = expectParsed(await requestJson(server, `/api/boards/${board.id}/progress?asOf=${AS_OF}`), 200, progressReportResponseSchema, 'GET progress')
    const stored = report.projects.find((entry) => entry.projectId === late)
    expect(stored?.lights.some((light) => light.rule === 'schedule') ?? false).toBe(false)
  })

  it('the weekly ranking downloads as the Excel sheet offices publish, one row per unit', async () => {
    const server = await startInProcessServer()
    const board = await createBoard(server, '示例区2022年重点项目', 2022)
    const office = connectClient(server, board.id, { acks: true })
    await office.waitSynced()
    writeBoardSettings(office.doc, { ...DEFAULT_BOARD_SETTINGS(2022), asOf: AS_OF })
    for (const unit of ['工信局', '住建局']) createProject(office.doc, { name: `${unit}重点项目`, unit, stage: 'signed' })
    await office.waitSaved()

    const response = await fetch(`${server.url}/api/boards/${board.id}/ranking.xlsx?week=${AS_OF}`, { headers: authHeaders(server) })
    expect(response.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    const sheet = workbook.getWorksheet('一周一晾晒')
    expect(String(sheet?.getCell(1, 1).value)).toContain('示例区2022年重点项目 一周一晾晒')
    const rowTexts = [5, 6, 7].map((row) => (sheet?.getRow(row).values as unknown[] | undefined)?.map(String).join(' ') ?? '')
    for (const unit of ['工信局', '住建局']) expect(rowTexts.filter((text) => text.includes(unit))).toHaveLength(1)
    office.destroy()
  })

  it('the progress endpoint refuses a malformed as-of date with a Chinese message', async () => {
    const server = await startInProcessServer()
    const board = await createBoard(server, '示例区', 2022)
    const response = await requestJson<ErrorResponse>(server, `/api/boards/${board.id}/progress?asOf=2022-02-30`)
    expect(response.status).toBe(400)
    expect(response.body.error).toBe('asOf须为有效日期（如 2022-08-20）')
  })
})
