import { describe, expect, test } from 'vitest'
import { Nature } from '@guatu/shared/domain/nature'
import { Stage } from '@guatu/shared/domain/stage'
import { Light, LightRule, lightCounts, projectLights, warningList, worstLight } from '@guatu/shared/progress/lights'
import { d, project, settings2022, wan } from './fixtures.ts'

const SETTINGS = settings2022()
const lightsOf = (p: ReturnType<typeof project>, asOf: string) => projectLights(p, SETTINGS, d(asOf))
const ruleLight = (p: ReturnType<typeof project>, asOf: string, rule: LightRule) => lightsOf(p, asOf).find((l) => l.rule === rule)

describe('schedule light: the next node’s planned date has passed', () => {
  const signedDue = (plannedStartDate: string) =>
    project('sched', { stage: Stage.signed, actualSignDate: d('2022-01-10'), plannedStartDate: d(plannedStartDate) })

  test('37 days past the planned start is red and says so with the date', () => {
    // 5月15日 → 6月21日: 16 days left in May + 21 = 37 ≥ 30
    expect(ruleLight(signedDue('2022-05-15'), '2022-06-21', LightRule.schedule)).toEqual({
      rule: LightRule.schedule,
      light: Light.red,
      reason: '计划开工时间2022年5月15日已过37天仍未开工',
      ageDays: 37,
    })
  })

  test('the day thresholds are inclusive: 1 day blue, 14 blue, 15 yellow, 29 yellow, 30 red', () => {
    // as of 6月21日: 6-20 → 1, 6-07 → 14, 6-06 → 15, 5-23 → 9 + 20 = 29, 5-22 → 10 + 20 = 30
    const cases: [string, Light][] = [
      ['2022-06-20', Light.blue],
      ['2022-06-07', Light.blue],
      ['2022-06-06', Light.yellow],
      ['2022-05-23', Light.yellow],
      ['2022-05-22', Light.red],
    ]
    for (const [planned, light] of cases) expect(ruleLight(signedDue(planned), '2022-06-21', LightRule.schedule)?.light).toBe(light)
  })

  test('a planned date on or after the as-of day fires nothing', () => {
    expect(ruleLight(signedDue('2022-06-21'), '2022-06-21', LightRule.schedule)).toBeUndefined()
    expect(ruleLight(signedDue('2022-07-01'), '2022-06-21', LightRule.schedule)).toBeUndefined()
  })

  test('a government-funded project in 谋划 skips 签约 and is judged on its planned start', () => {
    const fields = { stage: Stage.planning, plannedSignDate: d('2022-03-01'), plannedStartDate: d('2022-06-01') }
    // Government-funded: next node is 开工, 6月1日 → 6月21日 = 20 days → yellow; the passed 签约 date is ignored.
    const publicWorks = project('gov', { ...fields, governmentFunded: true })
    expect(ruleLight(publicWorks, '2022-06-21', LightRule.schedule)?.reason).toBe('计划开工时间2022年6月1日已过20天仍未开工')
    expect(ruleLight(publicWorks, '2022-06-21', LightRule.schedule)?.light).toBe(Light.yellow)
    // An investor project is judged on 签约: 3月1日 → 6月21日 = 30 + 30 + 31 + 21 = 112 days → red.
    const investorProject = project('inv', fields)
    expect(ruleLight(investorProject, '2022-06-21', LightRule.schedule)?.reason).toBe('计划签约时间2022年3月1日已过112天仍未签约')
  })

  test('a project already in the next stage is not overdue on it', () => {
    const started = project('done', { stage: Stage.started, actualStartDate: d('2022-06-10'), plannedStartDate: d('2022-05-15') })
    expect(ruleLight(started, '2022-06-21', LightRule.schedule)).toBeUndefined()
  })

  test('reviewing a past day judges the stage the project held then', () => {
    // On 6月5日 it had not started yet (started 6月10日): 5月15日 → 6月5日 = 16 + 5 = 21 days → yellow.
    const started = project('late', {
      stage: Stage.started,
      actualSignDate: d('2022-01-10'),
      actualStartDate: d('2022-06-10'),
      plannedStartDate: d('2022-05-15'),
    })
    expect(ruleLight(started, '2022-06-05', LightRule.schedule)?.light).toBe(Light.yellow)
  })

  test('a project in 投产 has no next node and no schedule light', () => {
    const producing = project('prod', { stage: Stage.producing, plannedProduceDate: d('2022-01-01'), actualProduceDate: d('2022-03-01') })
    expect(ruleLight(producing, '2022-06-21', LightRule.schedule)).toBeUndefined()
  })
})

describe('investment light: 完成率 against 序时进度 (6月30日 = 50%)', () => {
  const withCompleted = (completed: string) =>
    project('inv', { annualPlanInvestment: wan('10000'), completedInvestment: wan(completed), nature: Nature.continued })
  const light = (completed: string) => ruleLight(withCompleted(completed), '2022-06-30', LightRule.investment)

  test('exactly 10 points behind is yellow; 9.9 behind is green', () => {
    // 4000/10000 = 40.0% → 10.0 behind → yellow; 4006 → 40.06% → 9.94 → published 9.9 → green
    expect(light('4000')?.light).toBe(Light.yellow)
    expect(light('4006')?.light).toBe(Light.green)
  })

  test('the light follows the published one-decimal gap: 9.95 behind prints as 10.0 and is yellow', () => {
    // 4005 → 40.05% → 9.95 behind → rounds half away from zero to 10.0
    expect(light('4005')?.reason).toContain('滞后序时进度10.0个百分点')
    expect(light('4005')?.light).toBe(Light.yellow)
  })

  test('exactly 30 points behind is still yellow; 30.1 behind is red', () => {
    // 2000 → 20.0% → 30.0 behind; 1990 → 19.9% → 30.1 behind
    expect(light('2000')?.light).toBe(Light.yellow)
    expect(light('1990')?.light).toBe(Light.red)
  })

  test('the reason names the amount in 亿元, the rate and the gap', () => {
    // 1200万 = 0.12亿 of 12000万 = 10.0%; 8/12 = 66.666…% → 56.7 behind → red
    const p = project('reason', { annualPlanInvestment: wan('12000'), completedInvestment: wan('1200') })
    expect(ruleLight(p, '2022-08-31', LightRule.investment)).toMatchObject({
      light: Light.red,
      reason: '完成投资0.12亿元，完成率10.0%，滞后序时进度56.7个百分点',
    })
  })

  test('on or ahead of 序时进度 is green, and no annual plan means no investment light', () => {
    expect(light('5000')).toMatchObject({ light: Light.green, reason: '完成投资0.50亿元，完成率50.0%，与序时进度持平' })
    expect(ruleLight(project('noplan'), '2022-06-30', LightRule.investment)).toBeUndefined()
  })
})

describe('registration light: started and not 入库', () => {
  const startedOn = (date: string, registered = false) =>
    project('reg', { stage: Stage.started, actualStartDate: d(date), registered, nature: Nature.continued })
  const light = (start: string, asOf: string) => ruleLight(startedOn(start), asOf, LightRule.registration)

  test('one calendar month after the start is yellow, two is red', () => {
    // 3月15日 + 1 month = 4月15日; + 2 months = 5月15日
    expect(light('2022-03-15', '2022-04-14')).toBeUndefined()
    expect(light('2022-03-15', '2022-04-15')).toMatchObject({ light: Light.yellow, reason: '2022年3月15日开工，已满1个月未入库' })
    expect(light('2022-03-15', '2022-05-15')).toMatchObject({ light: Light.red, reason: '2022年3月15日开工，已满2个月未入库' })
    expect(light('2022-03-15', '2022-05-20')?.reason).toBe('2022年3月15日开工，已超过2个月未入库')
  })

  test('a start on the 31st reaches one month at the end of a shorter month', () => {
    // 1月31日 + 1 month = 2月28日 (2022) / 2月29日 (2024); + 2 months = 3月31日
    expect(light('2022-01-31', '2022-02-27')).toBeUndefined()
    expect(light('2022-01-31', '2022-02-28')?.light).toBe(Light.yellow)
    expect(light('2022-01-31', '2022-03-30')?.light).toBe(Light.yellow)
    expect(light('2022-01-31', '2022-03-31')?.light).toBe(Light.red)
    expect(light('2024-01-31', '2024-02-28')).toBeUndefined()
    expect(light('2024-01-31', '2024-02-29')?.light).toBe(Light.yellow)
  })

  test('a registered project or one not yet started on the as-of day has no registration light', () => {
    expect(ruleLight(startedOn('2022-03-15', true), '2022-06-30', LightRule.registration)).toBeUndefined()
    expect(light('2022-03-15', '2022-03-10')).toBeUndefined()
  })
})

describe('worst light, counts and the warning list', () => {
  const redStart = project('red1', { stage: Stage.signed, actualSignDate: d('2022-01-10'), plannedStartDate: d('2022-05-01'), name: '甲项目' })
  const olderRed = project('red2', { stage: Stage.signed, actualSignDate: d('2022-01-10'), plannedStartDate: d('2022-04-01'), name: '乙项目' })
  const yellowReg = project('yel1', { stage: Stage.started, actualStartDate: d('2022-05-20'), nature: Nature.continued, name: '丙项目' })
  const quiet = project('ok0001', { name: '丁项目' })
  const asOf = d('2022-06-21')

  test('a card shows its worst light and green when none fired', () => {
    expect(worstLight([{ light: Light.blue }, { light: Light.red }, { light: Light.yellow }])).toBe(Light.red)
    expect(worstLight([])).toBe(Light.green)
  })

  test('projects are counted once each, by their worst light', () => {
    expect(lightCounts([redStart, olderRed, yellowReg, quiet], SETTINGS, asOf)).toEqual({ green: 1, blue: 0, yellow: 1, red: 2 })
  })

  test('warnings are listed worst first, then longest overdue first', () => {
    // 乙: 4月1日 → 6月21日 = 81 days; 甲: 5月1日 → 51 days; 丙: yellow (1 month since 5月20日)
    const warnings = warningList([quiet, yellowReg, redStart, olderRed], SETTINGS, asOf)
    expect(warnings.map((w) => [w.projectName, w.light, w.ageDays])).toEqual([
      ['乙项目', Light.red, 81],
      ['甲项目', Light.red, 51],
      ['丙项目', Light.yellow, 32],
    ])
  })
})
