import { describe, expect, test } from 'vitest'
import { Nature } from '@guatu/shared/domain/nature'
import { Stage } from '@guatu/shared/domain/stage'
import {
  countStageEntries,
  monthlyStageEntries,
  plannedStageRate,
  problemSolveRate,
  problemsSolvedIn,
  registrationRate,
} from '@guatu/shared/progress/stageCounts'
import { ProgressStage } from '@guatu/shared/progress/stageEntry'
import { d, problem, project, solvedProblem, wan } from './fixtures.ts'

const Q2 = { from: d('2022-04-01'), to: d('2022-06-30') }

const startedQ1 = project('a', { stage: Stage.started, actualStartDate: d('2022-03-31'), totalInvestment: wan('5000') })
const startedApril = project('b', { stage: Stage.started, actualStartDate: d('2022-04-01'), totalInvestment: wan('9999.99') })
const startedJune = project('c', { stage: Stage.started, actualStartDate: d('2022-06-30'), totalInvestment: wan('15000') })
const startedJuly = project('d', { stage: Stage.started, actualStartDate: d('2022-07-01'), totalInvestment: wan('20000') })
/** Moved back to 签约 after a wrong move: its old start date must not count. */
const movedBack = project('e', { stage: Stage.signed, actualStartDate: d('2022-05-10'), totalInvestment: wan('30000') })
/** Started in May and already producing in June: still one of Q2's starts. */
const nowProducing = project('f', {
  stage: Stage.producing,
  actualStartDate: d('2022-05-05'),
  actualProduceDate: d('2022-06-20'),
  totalInvestment: wan('10000'),
})
const ALL = [startedQ1, startedApril, startedJune, startedJuly, movedBack, nowProducing]

describe('stage entries by period', () => {
  test('"started in Q2" counts entry dates from 4月1日 to 6月30日 inclusive', () => {
    // b (4-01), c (6-30), f (5-05); not a (3-31), d (7-01), nor e (moved back to 签约)
    // ≥1亿: c (15000万) and f (exactly 10000万); b at 9999.99万 is below
    // 总投资: 9999.99 + 15000 + 10000 = 34999.99万 = 3499999 cents
    expect(countStageEntries(ALL, ProgressStage.started, Q2)).toEqual({ count: 3, countAtLeastYi: 2, investmentCents: 3_499_999 })
  })

  test('the monthly chart puts each entry in its month and leaves out entries after the as-of day', () => {
    const months = monthlyStageEntries(ALL, 2022, d('2022-06-25'))
    expect(months.map((m) => m.entries.started.count)).toEqual([0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0])
    // 6月: c started on 6-30, after the as-of day 6-25; f produced on 6-20
    expect(months[5]?.entries.producing.count).toBe(1)
    expect(months[5]?.range).toEqual({ from: '2022-06-01', to: '2022-06-25' })
  })
})

describe('common rates', () => {
  const planned = (id: string, plannedStartDate: string, extra = {}) => project(id, { plannedStartDate: d(plannedStartDate), ...extra })

  test('开工率 divides starts in the year by planned starts in the year', () => {
    // planned in 2022: g, h, i, j (k is planned for 2023) = 4; started in 2022 by 6-30: g, h = 2 → 50.0%
    const projects = [
      planned('g', '2022-03-01', { stage: Stage.started, actualStartDate: d('2022-03-05') }),
      planned('h', '2022-05-01', { stage: Stage.started, actualStartDate: d('2022-06-01') }),
      planned('i', '2022-08-01'),
      planned('j', '2022-04-01', { stage: Stage.started, actualStartDate: d('2022-07-15') }),
      planned('k', '2023-02-01'),
    ]
    expect(plannedStageRate(projects, ProgressStage.started, 2022, d('2022-06-30'))).toEqual({ numerator: 2, denominator: 4, percentTenths: 500 })
  })

  test('入库率 divides registered by started projects, including those already producing', () => {
    // started: a, b (registered), c (producing, registered) = 3; registered 2 → 66.7%
    const projects = [
      project('ra', { stage: Stage.started, actualStartDate: d('2022-02-01'), nature: Nature.continued }),
      project('rb', { stage: Stage.started, actualStartDate: d('2022-02-01'), registered: true }),
      project('rc', { stage: Stage.producing, registered: true }),
      project('rd', { stage: Stage.signed, registered: true }),
    ]
    expect(registrationRate(projects, d('2022-06-30'))).toEqual({ numerator: 2, denominator: 3, percentTenths: 667 })
  })

  test('问题办结率 in a period counts problems raised then and solved by its end, on Beijing dates', () => {
    const p = project('prob')
    const problems = [
      // 3月31日 17:00 UTC is 4月1日 01:00 in Beijing: raised in Q2
      solvedProblem('q1', p, '2022-05-01T02:00:00.000Z', '2022-03-31T17:00:00.000Z'),
      // raised in Q2, solved after Q2: open at the end of the period
      solvedProblem('q2', p, '2022-07-02T02:00:00.000Z', '2022-04-10T02:00:00.000Z'),
      problem('q3', p, { raisedAt: '2022-06-01T02:00:00.000Z' }),
      // raised in Q1 (3月31日 15:00 UTC = 23:00 Beijing): outside the period
      solvedProblem('q4', p, '2022-04-02T02:00:00.000Z', '2022-03-31T15:00:00.000Z'),
    ]
    // raised in Q2: q1, q2, q3 = 3; solved by 6月30日: q1 = 1 → 33.3%
    expect(problemSolveRate(problems, Q2)).toEqual({ numerator: 1, denominator: 3, percentTenths: 333 })
    // overall: 4 raised, 3 solved → 75.0%
    expect(problemSolveRate(problems)?.percentTenths).toBe(750)
    // solved within Q2 by solvedAt: q1 (5-01) and q4 (4-02)
    expect(problemsSolvedIn(problems, Q2)).toBe(2)
  })

  test('rates with nothing to divide by are absent rather than 0%', () => {
    expect(registrationRate([project('none')], d('2022-06-30'))).toBeNull()
    expect(problemSolveRate([])).toBeNull()
  })
})
