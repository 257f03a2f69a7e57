import { describe, expect, test } from 'vitest'
import { Stage } from '@guatu/shared/domain/stage'
import { computeWeeklyRanking, RankingGroup } from '@guatu/shared/progress/ranking'
import { d, project, settings2022, solvedProblem } from './fixtures.ts'

/**
 * Two weeks: 6月6日–12日 (previous) and 6月13日–19日 (ranked). No annual plans, so the investment
 * term is 0 and the score is 10·advances + 5·solved − 2·overdue − 3·yellow − 6·red.
 */
const FAGAI = project('p1', {
  unit: '发改局',
  leaders: ['张副区长'],
  stage: Stage.signed,
  actualSignDate: d('2022-06-08'),
  plannedStartDate: d('2022-09-01'),
})
const GONGXIN = project('p2', { unit: '工信局', leaders: ['李副区长'], stage: Stage.planning, plannedSignDate: d('2022-05-01') })
const SHANGWU = project('p3', {
  unit: '商务局',
  leaders: ['张副区长', '李副区长'],
  stage: Stage.started,
  actualSignDate: d('2022-01-10'),
  plannedStartDate: d('2022-06-01'),
  actualStartDate: d('2022-06-15'),
  registered: true,
})
const PROBLEMS = [
  solvedProblem('g1', GONGXIN, '2022-06-14T02:00:00.000Z'),
  solvedProblem('g2', GONGXIN, '2022-06-17T02:00:00.000Z'),
  solvedProblem('s1', SHANGWU, '2022-06-16T02:00:00.000Z'),
]
const input = { projects: [FAGAI, GONGXIN, SHANGWU], problems: PROBLEMS, settings: settings2022(), weekOf: d('2022-06-15') }

describe('weekly ranking (一周一晾晒)', () => {
  test('units are ranked by score and the change since last week is shown', () => {
    // Previous week, as of 6月12日:
    //   发改局 signed 6-08: +10 → 10
    //   工信局 签约 due 5-01, 42 days late → red: −2 − 6 → −8
    //   商务局 开工 due 6-01, 11 days late → blue: −2 → −2
    //   → 发改局 1, 商务局 2, 工信局 3
    // This week, as of 6月19日:
    //   商务局 started 6-15 +10, one problem solved +5 → 15
    //   工信局 two problems solved +10, still red −8 → 2
    //   发改局 nothing → 0
    const ranking = computeWeeklyRanking({ ...input, groupBy: RankingGroup.unit, listSize: 1 })
    expect(ranking.week).toEqual({ from: '2022-06-13', to: '2022-06-19' })
    expect(ranking.previousWeek).toEqual({ from: '2022-06-06', to: '2022-06-12' })
    expect(ranking.rows.map((r) => [r.name, r.scoreTenths, r.rank, r.previousRank, r.rankChange])).toEqual([
      ['商务局', 150, 1, 2, 1],
      ['工信局', 20, 2, 3, 1],
      ['发改局', 0, 3, 1, -2],
    ])
    expect(ranking.rows[1]).toMatchObject({ overdue: 1, onSchedule: 0, openRed: 1, problemsSolved: 2, advances: 0 })
    expect(ranking.redList.map((r) => r.name)).toEqual(['商务局'])
    expect(ranking.blackList.map((r) => r.name)).toEqual(['发改局'])
  })

  test('per 包抓领导, a shared project counts for each leader', () => {
    // Previous week: 张 (P1 +10, P3 blue −2) = 8; 李 (P2 −8, P3 −2) = −10 → 张 1, 李 2
    // This week: 张 (P3 start +10, P3 problem +5) = 15; 李 (P3 +10 +5, P2 problems +10, P2 red −8) = 17 → 李 1, 张 2
    const ranking = computeWeeklyRanking({ ...input, groupBy: RankingGroup.leader })
    expect(ranking.rows.map((r) => [r.name, r.scoreTenths, r.rankChange])).toEqual([
      ['李副区长', 170, 1],
      ['张副区长', 150, -1],
    ])
  })

  test('equal scores are ordered by unit name', () => {
    // Nothing happens in 2022-03-07..13 for two idle units: both score 0; 发 (fā) before 工 (gōng)
    const idle = [project('i1', { unit: '工信局' }), project('i2', { unit: '发改局' })]
    const ranking = computeWeeklyRanking({ ...input, projects: idle, problems: [], weekOf: d('2022-03-09'), groupBy: RankingGroup.unit })
    expect(ranking.rows.map((r) => [r.name, r.rank, r.rankChange])).toEqual([
      ['发改局', 1, 0],
      ['工信局', 2, 0],
    ])
  })

  test('a week still running is read up to the as-of day', () => {
    // As of Tuesday 6月14日: 商务局's start (6-15) has not happened; its 开工 is 13 days late → blue;
    // 工信局 has solved one problem (6-14): 5 − 8 = −3. 发改局 0 → 1st, 商务局 −2 → 2nd, 工信局 −3 → 3rd
    const ranking = computeWeeklyRanking({ ...input, groupBy: RankingGroup.unit, asOf: d('2022-06-14') })
    expect(ranking.cutoff).toBe('2022-06-14')
    expect(ranking.rows.map((r) => [r.name, r.scoreTenths])).toEqual([
      ['发改局', 0],
      ['商务局', -20],
      ['工信局', -30],
    ])
  })
})
