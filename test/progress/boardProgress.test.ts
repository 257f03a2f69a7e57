import { describe, expect, test } from 'vitest'
import { Nature } from '@guatu/shared/domain/nature'
import { Stage } from '@guatu/shared/domain/stage'
import { computeBoardProgress } from '@guatu/shared/progress/boardProgress'
import { boardSettingsSchema, DEFAULT_BOARD_SETTINGS, MilestoneKind, parseBoardSettings, resolveAsOf, TimeBasis } from '@guatu/shared/progress/boardSettings'
import { MilestoneState } from '@guatu/shared/progress/milestones'
import { d, problem, project, settings2022, solvedProblem, wan } from './fixtures.ts'

const P1 = project('p1', {
  name: '新材料产业园',
  unit: '发改局',
  leaders: ['张副区长'],
  nature: Nature.new,
  stage: Stage.started,
  totalInvestment: wan('20000'),
  actualSignDate: d('2022-01-15'),
  plannedStartDate: d('2022-03-01'),
  actualStartDate: d('2022-03-10'),
  annualPlanInvestment: wan('8000'),
  completedInvestment: wan('4000'),
  registered: true,
})
const P2 = project('p2', {
  name: '电子信息厂房',
  unit: '工信局',
  leaders: ['张副区长', '李副区长'],
  nature: Nature.new,
  stage: Stage.signed,
  totalInvestment: wan('5000'),
  actualSignDate: d('2022-02-20'),
  plannedStartDate: d('2022-07-15'),
  annualPlanInvestment: wan('2000'),
})
const P3 = project('p3', {
  name: '物流园续建',
  unit: '工信局',
  nature: Nature.continued,
  stage: Stage.started,
  totalInvestment: wan('50000'),
  actualStartDate: d('2020-05-01'),
  annualPlanInvestment: wan('10000'),
  completedInvestment: wan('6000'),
  registered: true,
})
const P4 = project('p4', {
  name: '城区道路改造',
  unit: '商务局',
  leaders: ['李副区长'],
  nature: Nature.new,
  governmentFunded: true,
  stage: Stage.started,
  totalInvestment: wan('12000'),
  actualStartDate: d('2022-05-20'),
})
const PROJECTS = [P1, P2, P3, P4]
const PROBLEMS = [solvedProblem('s1', P2, '2022-04-01T02:00:00.000Z', '2022-03-01T02:00:00.000Z'), problem('o1', P2)]

const SETTINGS = settings2022((s) => {
  s.targets.started = { count: 5, countAtLeastYi: 2 }
  s.targets.signed = { investmentWan: wan('100000') }
  s.investmentToCompleteWan = wan('20000')
  s.milestones = [
    { kind: MilestoneKind.allNewStartedBy, id: 'm1', deadline: d('2022-06-30') },
    { kind: MilestoneKind.monthlyQuota, id: 'm2', stage: 'signed', minCount: 1, atLeastYi: true },
  ]
})

const progressOn = (asOf: string) => computeBoardProgress({ projects: PROJECTS, problems: PROBLEMS, settings: SETTINGS, asOf: d(asOf) })

describe('board progress on 6月30日 (序时进度 50%)', () => {
  const progress = progressOn('2022-06-30')
  const target = (key: string) => progress.targets.find((row) => row.key === key)?.completion

  test('each set target shows done, 完成率 and the gap; unset targets are absent', () => {
    // started this year: P1 (3-10), P4 (5-20); P3 started in 2020 → 2 of 5 = 40.0% → 10.0 behind
    expect(target('started.count')).toMatchObject({ done: 2, target: 5, gapTenths: -100, text: '滞后序时进度 10.0 个百分点' })
    // both ≥1亿 (20000万, 12000万): 2 of 2 = 100% → 50.0 ahead
    expect(target('started.countAtLeastYi')?.text).toBe('超序时进度 50.0 个百分点')
    // signed this year: P1 20000万 + P2 5000万 = 25000万 of 100000万 = 25.0% → 25.0 behind
    expect(target('signed.investment')).toMatchObject({ done: 2_500_000, target: 10_000_000, gapTenths: -250 })
    // completed 4000 + 6000 = 10000万 of 20000万 = 50.0% → even
    expect(target('investment')?.text).toBe('与序时进度持平')
    // pipeline order: 签约, 开工, then completed investment
    expect(progress.targets.map((row) => row.key)).toEqual(['signed.investment', 'started.count', 'started.countAtLeastYi', 'investment'])
  })

  test('unit rows count their own projects and compare investment with their annual plan', () => {
    expect(progress.units.map((row) => row.name)).toEqual(['发改局', '工信局', '商务局'])
    const industry = progress.units[1]
    // 工信局: P2 signed in 2月; investment (0 + 6000) of (2000 + 10000) = 50.0%; problems 1 of 2 solved
    expect(industry?.projectCount).toBe(2)
    expect(industry?.entries.signed.count).toBe(1)
    expect(industry?.investment.rate?.percentTenths).toBe(500)
    expect(industry?.rates.problemSolve?.percentTenths).toBe(500)
    expect(progress.units[0]?.rates.problemSolve).toBeNull()
  })

  test('a project with two 包抓领导 counts for both of them', () => {
    // 李 (li) sorts before 张 (zhang); 李: P2, P4; 张: P1, P2
    expect(progress.leaders.map((row) => [row.name, row.projectCount, row.entries.started.count])).toEqual([
      ['李副区长', 2, 1],
      ['张副区长', 2, 1],
    ])
  })

  test('board rates and light counts cover every project', () => {
    // 开工率: planned 2022 starts P1, P2 = 2; 2022 starts P1, P4 = 2 → 100%
    expect(progress.board.rates.started?.percentTenths).toBe(1000)
    // 入库率: started P1, P3, P4; registered P1, P3 → 2/3
    expect(progress.board.rates.registration).toMatchObject({ numerator: 2, denominator: 3 })
    // P2 0% of plan → 50 behind → red; P4 started 5-20 unregistered → 1 month on 6-20 → yellow
    expect(progress.board.lights).toEqual({ green: 2, blue: 0, yellow: 1, red: 1 })
  })

  test('a milestone whose deadline is today is at risk with the unstarted new projects named', () => {
    expect(progress.milestones[0]).toMatchObject({ state: MilestoneState.atRisk, offendingProjectIds: [P2.id] })
  })

  test('a monthly quota lists every finished month that fell short', () => {
    // ≥1亿 signings: 1月 P1; 2月 P2 is only 5000万; 3–6月 none
    expect(progress.milestones[1]).toMatchObject({
      state: MilestoneState.missed,
      text: '2月、3月、4月、5月、6月签约亿元以上项目未达到每月1个',
    })
  })
})

describe('milestones over time', () => {
  test('after the deadline an unstarted new project misses "all new projects started"', () => {
    expect(progressOn('2022-07-01').milestones[0]).toMatchObject({
      state: MilestoneState.missed,
      text: '1个新建项目未在2022年6月30日前开工',
      offendingProjectIds: [P2.id],
    })
  })

  test('a monthly quota is met once the month has enough, and at risk while it does not', () => {
    expect(progressOn('2022-01-20').milestones[1]?.state).toBe(MilestoneState.met)
    expect(progressOn('2022-01-10').milestones[1]?.text).toBe('本月签约亿元以上项目0个，尚差1个')
  })
})

describe('board settings', () => {
  test('the defaults are valid and carry the DOMAIN.md thresholds', () => {
    const defaults = DEFAULT_BOARD_SETTINGS(2025)
    expect(boardSettingsSchema.parse(defaults)).toEqual(defaults)
    expect(defaults).toMatchObject({ year: 2025, asOf: null, timeBasis: TimeBasis.month })
    expect(defaults.thresholds).toEqual({
      schedule: { blueAfterDays: 1, yellowAfterDays: 15, redAfterDays: 30 },
      investment: { yellowBelowPoints: 10, redBelowPoints: 30 },
      registration: { yellowAfterMonths: 1, redAfterMonths: 2 },
    })
  })

  test('thresholds out of order are rejected with a Chinese message and the defaults are used', () => {
    const broken = settings2022((s) => {
      s.thresholds.schedule.yellowAfterDays = 40
    })
    const { settings, error } = parseBoardSettings(broken, 2022)
    expect(error).toBe('进度预警天数须满足 蓝灯 ≤ 黄灯 ≤ 红灯')
    expect(settings.thresholds.schedule.yellowAfterDays).toBe(15)
  })

  test('the as-of day is today unless a review date is set', () => {
    expect(resolveAsOf({ asOf: null }, d('2022-09-01'))).toBe('2022-09-01')
    expect(resolveAsOf({ asOf: d('2022-06-30') }, d('2022-09-01'))).toBe('2022-06-30')
  })
})
