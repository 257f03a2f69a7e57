import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { writeBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import { createProject, moveProject, stageEntryDateOf } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import { isProblemOverdue } from '@guatu/shared/domain/problem'
import { Stage } from '@guatu/shared/domain/stage'
import { computeBoardProgress } from '@guatu/shared/progress/boardProgress'
import { actualDateRange, boardToday, checkActualDate, defaultStageEntryDate } from '@guatu/shared/progress/boardToday'
import { projectLights } from '@guatu/shared/progress/lights'
import { d, problem, project, settings2022 } from './fixtures.ts'

/** The clock of the walk-through in issue 25: December 2026, reviewing a 2022 board. */
const REAL_CLOCK = new Date('2026-12-06T02:00:00Z')
const CUT_OFF = d('2022-08-20')

describe("a board's one today", () => {
  test('is the 统计截止 when the office set one, whatever the clock says', () => {
    expect(
      boardToday(
        settings2022((s) => (s.asOf = CUT_OFF)),
        REAL_CLOCK,
      ),
    ).toBe('2022-08-20')
  })

  test('is the calendar day in China when no cut-off is set (01:00 in Beijing is still the 7th there, the 6th in UTC)', () => {
    expect(boardToday(settings2022(), new Date('2026-12-06T17:00:00Z'))).toBe('2026-12-07')
  })

  test('a problem due after the cut-off is not overdue on the board, though the real clock has passed it', () => {
    const due = problem('late', project('a'), { deadline: d('2022-09-15') })
    expect(
      isProblemOverdue(
        due,
        boardToday(
          settings2022((s) => (s.asOf = CUT_OFF)),
          REAL_CLOCK,
        ),
      ),
    ).toBe(false)
    expect(
      isProblemOverdue(
        due,
        boardToday(
          settings2022((s) => (s.asOf = d('2022-09-16'))),
          REAL_CLOCK,
        ),
      ),
    ).toBe(true)
  })
})

describe('the date a stage move records', () => {
  test('is the cut-off on a reviewed board, and a board without one keeps the move inside its own year', () => {
    expect(
      defaultStageEntryDate(
        settings2022((s) => (s.asOf = CUT_OFF)),
        REAL_CLOCK,
      ),
    ).toBe('2022-08-20')
    expect(defaultStageEntryDate(settings2022(), REAL_CLOCK)).toBe('2022-12-31')
    expect(defaultStageEntryDate(settings2022(), new Date('2022-05-03T04:00:00Z'))).toBe('2022-05-03')
  })

  test('may be corrected to any day of the year up to the cut-off, not after it and not before the year', () => {
    const settings = settings2022((s) => (s.asOf = CUT_OFF))
    expect(actualDateRange(settings, REAL_CLOCK)).toEqual({ min: '2022-01-01', max: '2022-08-20' })
    expect(checkActualDate(d('2022-06-30'), settings, REAL_CLOCK)).toBeUndefined()
    expect(checkActualDate(d('2022-08-21'), settings, REAL_CLOCK)).toBe('实际日期不能晚于统计截止日期 2022-08-20')
    expect(checkActualDate(d('2021-12-31'), settings, REAL_CLOCK)).toBe('实际日期不能早于本年度（2022年）')
  })

  test('a move to 开工 on a 2022 board cut off at 2022-08-20 counts toward 开工项目数 and clears its overdue-start warning', () => {
    const settings = settings2022((s) => {
      s.asOf = CUT_OFF
      s.targets.started = { count: 10 }
    })
    const doc = new Y.Doc()
    writeBoardSettings(doc, settings)
    const id = createProject(doc, { name: '年产5万吨新材料项目', stage: Stage.signed, plannedStartDate: d('2022-04-20'), actualSignDate: d('2022-02-01') })
    const before = readProject(doc, id)
    if (!before) throw new Error('project missing')
    expect(projectLights(before, settings, CUT_OFF).map((light) => light.rule)).toContain('schedule')
    const startedBefore = computeBoardProgress({ projects: listProjects(doc), problems: [], settings, asOf: CUT_OFF }).targets.find(
      (row) => row.key === 'started.count',
    )

    moveProject(doc, id, { stage: Stage.started })

    const after = readProject(doc, id)
    expect(after?.actualStartDate).toBe('2022-08-20')
    expect(stageEntryDateOf(doc, REAL_CLOCK)).toBe('2022-08-20')
    expect(projectLights(after!, settings, CUT_OFF).map((light) => light.rule)).not.toContain('schedule')
    const startedAfter = computeBoardProgress({ projects: listProjects(doc), problems: [], settings, asOf: CUT_OFF }).targets.find(
      (row) => row.key === 'started.count',
    )
    expect(startedAfter?.completion.done).toBe((startedBefore?.completion.done ?? 0) + 1)
  })
})
