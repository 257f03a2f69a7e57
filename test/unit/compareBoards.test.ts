import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BoardChangeKind, DecisionOutcome } from '@guatu/shared/api/lookback'
import { readBoardState } from '@guatu/shared/board/boardState'
import { boardTotals, endMeeting, markDecisionDone, recordDecision, startMeeting } from '@guatu/shared/board/meetingCommands'
import { closeNotice, escalateNotice, issueNotice } from '@guatu/shared/board/noticeCommands'
import { raiseProblem, solveProblem } from '@guatu/shared/board/problemCommands'
import { createProject, deleteProject, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { Principal } from '@guatu/shared/domain/principal'
import { Role } from '@guatu/shared/domain/role'
import { compareBoards } from '@guatu/shared/lookback/compareBoards'

const office: Principal = { kind: 'user', userId: 'u_office', username: 'office', displayName: '项目办', role: Role.admin, units: [] }
const at = (day: number, hour = 10) => new Date(Date.UTC(2022, 7, day, hour - 8)).toISOString()
const moment = (doc: Y.Doc, time: string) => ({ state: readBoardState(doc, 2022), at: time })

/** Two meetings a week apart on one board: the first's end → the second's start. */
function scriptedFortnight() {
  const doc = new Y.Doc()
  const lithium = createProject(doc, { name: '锂电材料项目', stage: 'signed', unit: '工信局', totalInvestment: '57800' as WanAmount })
  const coldChain = createProject(doc, { name: '冷链物流园', stage: 'started', unit: '商务局', totalInvestment: '32000' as WanAmount })
  const park = createProject(doc, { name: '文旅小镇', stage: 'planning', unit: '文旅局', totalInvestment: '12000' as WanAmount })
  const stale = raiseProblem(doc, coldChain, { category: 'land', description: '用地指标未落实', leadUnit: '自然资源局' }, office, { now: new Date(at(1)) })
  const notice = issueNotice(doc, park, { level: 'blue', requirement: '月底前完成立项', deadline: '2022-08-31' as IsoDate }, office, { now: new Date(at(1)) })
  const meeting = startMeeting(
    doc,
    { title: '8月第一次调度会', date: '2022-08-09' as IsoDate, attendees: ['工信局', '商务局', '文旅局'], agenda: ['商务局', '工信局', '文旅局'] },
    boardTotals(listProjects(doc)),
    office,
    { now: new Date(at(9, 15)) },
  )
  const onTime = recordDecision(
    doc,
    { meetingId: meeting, projectId: lithium, content: '协调电力增容', assignee: '工信局', deadline: '2022-08-12' as IsoDate },
    office,
    { now: new Date(at(9, 15)) },
  )
  const late = recordDecision(
    doc,
    { meetingId: meeting, projectId: coldChain, content: '落实用地指标', assignee: '商务局', deadline: '2022-08-11' as IsoDate },
    office,
    { now: new Date(at(9, 15)) },
  )
  const notYet = recordDecision(
    doc,
    { meetingId: meeting, projectId: park, content: '完成规划设计', assignee: '文旅局', deadline: '2022-08-30' as IsoDate },
    office,
    { now: new Date(at(9, 15)) },
  )
  endMeeting(doc, meeting, boardTotals(listProjects(doc)), { now: new Date(at(9, 16)) })
  const before = moment(doc, at(9, 17))

  moveProject(doc, lithium, { stage: 'started' })
  moveProject(doc, coldChain, { stage: 'signed' })
  updateProject(doc, lithium, { totalInvestment: '60000' as WanAmount })
  const newcomer = createProject(doc, { name: '光伏组件项目', stage: 'planning', unit: '工信局', totalInvestment: '8000' as WanAmount })
  deleteProject(doc, park)
  solveProblem(doc, stale, office, { now: new Date(at(12)) })
  const raised = raiseProblem(doc, lithium, { category: 'funding', description: '配套资金缺口', leadUnit: '财政局' }, office, { now: new Date(at(12)) })
  markDecisionDone(doc, onTime, office, { now: new Date(at(11)) })
  escalateNotice(doc, notice)
  closeNotice(doc, notice, office, { now: new Date(at(13)) })
  return { doc, before, after: moment(doc, at(16, 15)), ids: { lithium, coldChain, park, newcomer, stale, raised, notice, onTime, late, notYet } }
}

describe('变化对比 between two moments', () => {
  it('lists stage moves forward and back, entries and exits, money with the difference, problems and 督办单, grouped by unit in reporting order', () => {
    const { before, after, ids } = scriptedFortnight()
    const comparison = compareBoards(before, after)
    expect(comparison.units.map((unit) => unit.unit)).toEqual(['商务局', '工信局', '文旅局'])
    const kinds = Object.fromEntries(comparison.units.map((unit) => [unit.unit, unit.changes.map((change) => [change.kind, change.summary])]))
    expect(kinds['商务局']).toEqual([
      [BoardChangeKind.stageBack, '退回：开工 → 签约'],
      [BoardChangeKind.problemSolved, '问题已解决（土地：用地指标未落实）'],
    ])
    expect(kinds['工信局']).toEqual([
      [BoardChangeKind.stageForward, '阶段：签约 → 开工'],
      [BoardChangeKind.moneyChanged, '总投资：5.78亿元 → 6.00亿元（+2200万元）'],
      [BoardChangeKind.entered, '新入库：谋划，总投资8000万元'],
      [BoardChangeKind.problemRaised, '新提问题（资金：配套资金缺口）'],
    ])
    expect(kinds['文旅局']).toEqual([
      [BoardChangeKind.left, '移出看板'],
      [BoardChangeKind.noticeEscalated, '督办升级：蓝色督办 → 黄色督办'],
      [BoardChangeKind.noticeClosed, '督办办结（黄色督办）'],
    ])
    const money = comparison.units[1]!.changes.find((change) => change.kind === BoardChangeKind.moneyChanged)!
    expect([money.projectId, money.field, money.differenceCents]).toEqual([ids.lithium, 'totalInvestment', 220_000])
    expect(comparison.counts.stageBack).toBe(1)
    expect(comparison.meeting?.title).toBe('8月第一次调度会')
  })

  it("reviews the last meeting's 确定事项: done by the deadline, overdue, not yet due", () => {
    const { before, after, ids } = scriptedFortnight()
    const outcomes = Object.fromEntries(compareBoards(before, after).decisions.map((decision) => [decision.decisionId, decision.outcome]))
    expect(outcomes).toEqual({ [ids.onTime]: DecisionOutcome.done, [ids.late]: DecisionOutcome.overdue, [ids.notYet]: DecisionOutcome.pending })
  })

  it('filters like the board: only the chosen projects’ changes', () => {
    const { before, after } = scriptedFortnight()
    const comparison = compareBoards(before, after, { includeProject: (project) => project.unit === '商务局' })
    expect(comparison.units.map((unit) => unit.unit)).toEqual(['商务局'])
    expect(comparison.decisions.map((decision) => decision.assignee)).toEqual(['商务局'])
  })

  it('finds nothing between a moment and itself', () => {
    const { after } = scriptedFortnight()
    const comparison = compareBoards(after, after)
    expect(comparison.units).toEqual([])
    expect(Object.values(comparison.counts).every((count) => count === 0)).toBe(true)
  })
})
