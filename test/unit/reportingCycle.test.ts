import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { writeReportingSettings } from '@guatu/shared/board/boardSettingsAccess'
import { createProject } from '@guatu/shared/board/projectCommands'
import { confirmProposals, proposeChange, returnProposal, submitPeriod } from '@guatu/shared/board/reviewCommands'
import { periodStatuses } from '@guatu/shared/board/reviewQueries'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { Principal } from '@guatu/shared/domain/principal'
import { reminderKey, type ReminderEvent } from '@guatu/shared/domain/reminderEvent'
import { Cadence, DEFAULT_REPORTING_SETTINGS, deadlineRuleText, periodById, periodOf, PERIOD_STATUS_LABEL } from '@guatu/shared/domain/reportingPeriod'
import { reportingReminders } from '@guatu/server/reporting/reportingReminders'
import { inboxItems } from '@guatu/shared/board/inboxQueries'
import { issueNotice } from '@guatu/shared/board/noticeCommands'

const office: Principal = { kind: 'user', userId: 'u_admin', username: 'admin', displayName: '项目办', role: 'admin', units: [] }
const gongxin: Principal = { kind: 'user', userId: 'u_gx', username: 'gxj', displayName: '工信局刘科长', role: 'editor', units: ['工信局'] }
const shangwu: Principal = { kind: 'user', userId: 'u_sw', username: 'swj', displayName: '商务局王科长', role: 'editor', units: ['商务局'] }
const day = (text: string) => text as IsoDate
/** Noon in Beijing on a calendar day. */
const beijingNoon = (text: string) => new Date(`${text}T04:00:00Z`)

function board() {
  const doc = new Y.Doc()
  writeReportingSettings(doc, DEFAULT_REPORTING_SETTINGS)
  const fiber = createProject(doc, { name: '华能高性能纤维项目', unit: '工信局' })
  const coldChain = createProject(doc, { name: '冷链物流园', unit: '商务局' })
  return { doc, fiber, coldChain }
}

const kinds = (events: readonly ReminderEvent[], unit: string) => events.filter((event) => event.unit === unit).map((event) => reminderKey(event))

describe('reporting periods', () => {
  test('a monthly period runs through the month and is due on the office’s day (每月25日前)', () => {
    expect(periodOf(DEFAULT_REPORTING_SETTINGS, day('2026-12-06'))).toEqual({
      id: '2026-12',
      label: '2026年12月',
      opensOn: '2026-12-01',
      deadline: '2026-12-25',
      endsOn: '2026-12-31',
    })
    expect(periodOf(DEFAULT_REPORTING_SETTINGS, day('2024-02-10')).endsOn).toBe('2024-02-29')
    expect(deadlineRuleText(DEFAULT_REPORTING_SETTINGS)).toBe('每月25日前')
  })

  test('a weekly period is the ISO week, due on the office’s weekday, and the year turns with the week’s Thursday', () => {
    const weekly = { cadence: Cadence.weekly, deadlineDay: 5 }
    expect(periodOf(weekly, day('2026-12-06'))).toEqual({
      id: '2026-W49',
      label: '2026年第49周',
      opensOn: '2026-11-30',
      deadline: '2026-12-04',
      endsOn: '2026-12-06',
    })
    expect(periodOf(weekly, day('2027-01-01')).id).toBe('2026-W53')
    expect(periodById('2026-W49', weekly)?.opensOn).toBe('2026-11-30')
    expect(periodById('2026-W54', weekly)).toBeUndefined()
    expect(deadlineRuleText(weekly)).toBe('每周五前')
  })
})

describe('a unit’s status in a period is derived from its 报送 and its proposals', () => {
  test('未报 before the deadline, 逾期 after; 已报 while a proposal waits, 退回 while one is returned, 已审核 once all are confirmed', () => {
    const { doc, fiber, coldChain } = board()
    const period = periodOf(DEFAULT_REPORTING_SETTINGS, day('2026-12-06'))
    const status = (today: string) =>
      Object.fromEntries(periodStatuses(doc, DEFAULT_REPORTING_SETTINGS, period, day(today)).map((unit) => [unit.unit, PERIOD_STATUS_LABEL[unit.status]]))
    expect(status('2026-12-06')).toEqual({ 商务局: '未报', 工信局: '未报' })
    expect(status('2026-12-26')).toEqual({ 商务局: '逾期', 工信局: '逾期' })

    const fiberMoney = proposeChange(doc, fiber, 'completedInvestment', '2600', gongxin, { now: beijingNoon('2026-12-06') })
    const coldMoney = proposeChange(doc, coldChain, 'completedInvestment', '900', shangwu, { now: beijingNoon('2026-12-06') })
    submitPeriod(doc, '工信局', period.id, gongxin, { now: beijingNoon('2026-12-06') })
    submitPeriod(doc, '商务局', period.id, shangwu, { now: beijingNoon('2026-12-27') })
    expect(status('2026-12-27')).toEqual({ 商务局: '已报', 工信局: '已报' })
    expect(periodStatuses(doc, DEFAULT_REPORTING_SETTINGS, period, day('2026-12-27')).map((unit) => [unit.unit, unit.late])).toEqual([
      ['工信局', false],
      ['商务局', true],
    ])

    returnProposal(doc, coldMoney, '与统计局口径不符，请核实', office)
    expect(confirmProposals(doc, [fiberMoney], office)).toEqual([fiberMoney])
    expect(status('2026-12-27')).toEqual({ 商务局: '退回', 工信局: '已审核' })
  })
})

describe('reporting reminders', () => {
  test('the period opens for every unit, then 3 and 1 days before the deadline and overdue go only to units that have not reported', () => {
    const { doc } = board()
    const due = (date: string) => reportingReminders.remindersDue({ boardId: 'b1', doc }, beijingNoon(date))
    expect(kinds(due('2026-12-01'), '工信局')).toEqual(['b1:periodOpened:工信局:2026-12'])
    expect(kinds(due('2026-12-22'), '工信局')).toEqual(['b1:periodOpened:工信局:2026-12', 'b1:periodDueSoon:工信局:2026-12:3'])
    expect(kinds(due('2026-12-24'), '工信局')).toEqual(['b1:periodOpened:工信局:2026-12', 'b1:periodDueSoon:工信局:2026-12:1'])
    submitPeriod(doc, '工信局', '2026-12', gongxin, { now: beijingNoon('2026-12-24') })
    expect(kinds(due('2026-12-26'), '工信局')).toEqual([])
    expect(kinds(due('2026-12-26'), '商务局')).toEqual(['b1:periodOpened:商务局:2026-12', 'b1:periodOverdue:商务局:2026-12'])
    const overdue = due('2026-12-26').find((event) => event.kind === 'periodOverdue')
    expect(overdue).toMatchObject({ periodLabel: '2026年12月', deadline: '2026-12-25' })
  })

  test('a returned proposal reminds its unit with the reason, once per return', () => {
    const { doc, coldChain } = board()
    const id = proposeChange(doc, coldChain, 'completedInvestment', '900', shangwu)
    returnProposal(doc, id, '与统计局口径不符，请核实', office, { now: new Date('2026-12-10T02:00:00Z') })
    const returned = reportingReminders.remindersDue({ boardId: 'b1', doc }, beijingNoon('2026-12-10')).filter((event) => event.kind === 'proposalReturned')
    expect(returned).toEqual([
      {
        kind: 'proposalReturned',
        boardId: 'b1',
        unit: '商务局',
        projectId: coldChain,
        projectName: '冷链物流园',
        proposalId: id,
        reason: '与统计局口径不符，请核实',
        returnedAt: '2026-12-10T02:00:00.000Z',
        returnedByLabel: '项目办',
      },
    ])
    proposeChange(doc, coldChain, 'completedInvestment', '950', shangwu)
    expect(reportingReminders.remindersDue({ boardId: 'b1', doc }, beijingNoon('2026-12-11')).filter((event) => event.kind === 'proposalReturned')).toEqual([])
  })

  test('a board without a reporting cycle reminds nobody', () => {
    const doc = new Y.Doc()
    createProject(doc, { name: '华能高性能纤维项目', unit: '工信局' })
    expect(reportingReminders.remindersDue({ boardId: 'b1', doc }, beijingNoon('2026-12-26'))).toEqual([])
  })
})

describe('我的待办', () => {
  test('the office sees proposals to review and overdue units; a unit sees its period to report, returned items and 督办单 to answer — nothing of other units', () => {
    const { doc, fiber, coldChain } = board()
    const money = proposeChange(doc, fiber, 'completedInvestment', '2600', gongxin)
    const cold = proposeChange(doc, coldChain, 'completedInvestment', '900', shangwu)
    returnProposal(doc, cold, '口径不符', office)
    issueNotice(doc, fiber, { level: 'blue', requirement: '月底前报送用地材料', deadline: day('2026-12-31') }, office)
    const kinds = (who: Principal, today: string) => inboxItems(doc, who, day(today)).map((item) => `${item.kind}:${item.unit}`)
    // 商务局 stands 退回 (a returned proposal), which says more than 逾期.
    expect(kinds(office, '2026-12-26')).toEqual(['overdueUnit:工信局', 'review:工信局'])
    expect(kinds(gongxin, '2026-12-06')).toEqual(['report:工信局', 'notice:工信局'])
    expect(kinds(shangwu, '2026-12-06')).toEqual(['report:商务局', 'returned:商务局'])
    confirmProposals(doc, [money], office)
    submitPeriod(doc, '工信局', '2026-12', gongxin, { now: beijingNoon('2026-12-06') })
    expect(kinds(gongxin, '2026-12-06')).toEqual(['notice:工信局'])
    const leader: Principal = { kind: 'user', userId: 'u_ld', username: 'ld', displayName: '李副县长', role: 'viewer', units: [] }
    expect(inboxItems(doc, leader, day('2026-12-26'))).toEqual([])
  })
})
