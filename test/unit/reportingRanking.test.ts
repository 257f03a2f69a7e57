import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { writeReportingSettings } from '@guatu/shared/board/boardSettingsAccess'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { unitReportingRecords } from '@guatu/shared/board/reportingRecord'
import { proposeChange, returnProposal, submitPeriod } from '@guatu/shared/board/reviewCommands'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { Principal } from '@guatu/shared/domain/principal'
import { DEFAULT_REPORTING_SETTINGS, type ReportingSettings } from '@guatu/shared/domain/reportingPeriod'
import { DEFAULT_BOARD_SETTINGS } from '@guatu/shared/progress/boardSettings'
import { computeWeeklyRanking, RankingGroup } from '@guatu/shared/progress/ranking'

const office: Principal = { kind: 'user', userId: 'u_admin', username: 'admin', displayName: '项目办', role: 'admin', units: [] }
const gongxin: Principal = { kind: 'user', userId: 'u_gx', username: 'gxj', displayName: '工信局刘科长', role: 'editor', units: ['工信局'] }
const shangwu: Principal = { kind: 'user', userId: 'u_sw', username: 'swj', displayName: '商务局王科长', role: 'editor', units: ['商务局'] }
/** Noon in Beijing on a calendar day. */
const beijingNoon = (text: string) => new Date(`${text}T04:00:00Z`)
const SETTINGS: ReportingSettings = { ...DEFAULT_REPORTING_SETTINGS, rankingWeights: { perLatePeriod: 4, perReturn: 2 } }

/** Two units, the cycle on: 工信局 reports January and February on time; 商务局 reports February late and has one return. */
function reportedBoard() {
  const doc = new Y.Doc()
  writeReportingSettings(doc, SETTINGS)
  createProject(doc, { name: '华能高性能纤维项目', unit: '工信局' })
  const coldChain = createProject(doc, { name: '冷链物流园', unit: '商务局' })
  submitPeriod(doc, '工信局', '2026-01', gongxin, { now: beijingNoon('2026-01-20') })
  submitPeriod(doc, '工信局', '2026-02', gongxin, { now: beijingNoon('2026-02-25') })
  submitPeriod(doc, '商务局', '2026-02', shangwu, { now: beijingNoon('2026-02-27') })
  const proposal = proposeChange(doc, coldChain, 'completedInvestment', '900', shangwu, { now: beijingNoon('2026-02-26') })
  returnProposal(doc, proposal, '与统计局口径不符', office, { now: beijingNoon('2026-03-02') })
  return doc
}

describe('填报及时率 and 退回次数 in the weekly ranking', () => {
  test('each unit’s record counts the periods due, those reported by the deadline, and the returns made by then', () => {
    const doc = reportedBoard()
    expect(Object.fromEntries(unitReportingRecords(doc, SETTINGS, 2026, '2026-03-01' as IsoDate))).toEqual({
      商务局: { due: 2, onTime: 0, returns: 0 },
      工信局: { due: 2, onTime: 2, returns: 0 },
    })
    expect(unitReportingRecords(doc, SETTINGS, 2026, '2026-03-08' as IsoDate).get('商务局')).toEqual({ due: 2, onTime: 0, returns: 1 })
  })

  test('late periods and returns cost the unit its points and its place, by the office’s weights', () => {
    const doc = reportedBoard()
    const settings = { ...DEFAULT_BOARD_SETTINGS(2026), asOf: '2026-03-08' as IsoDate }
    const rank = (weights: ReportingSettings['rankingWeights']) =>
      computeWeeklyRanking({
        projects: listProjects(doc),
        problems: [],
        settings,
        weekOf: '2026-03-05' as IsoDate,
        groupBy: RankingGroup.unit,
        asOf: '2026-03-08' as IsoDate,
        reporting: { recordsAt: (cutoff) => unitReportingRecords(doc, SETTINGS, 2026, cutoff), weights: weights! },
      })
    const ranked = rank({ perLatePeriod: 4, perReturn: 2 })
    const byName = new Map(ranked.rows.map((row) => [row.name, row]))
    // Same projects, same figures: only the reporting sets them apart (2 late periods × 4 + 1 return × 2 = 10 points).
    expect(byName.get('工信局')!.scoreTenths - byName.get('商务局')!.scoreTenths).toBe(100)
    expect(ranked.rows.map((row) => row.name)).toEqual(['工信局', '商务局'])
    expect(byName.get('商务局')!.reporting).toEqual({ due: 2, onTime: 0, returns: 1 })
    const lenient = new Map(rank({ perLatePeriod: 0, perReturn: 0 }).rows.map((row) => [row.name, row.scoreTenths]))
    expect(lenient.get('工信局')).toBe(lenient.get('商务局'))
  })

  test('by 包抓领导 there is no reporting column: leaders do not report', () => {
    const doc = reportedBoard()
    const ranked = computeWeeklyRanking({
      projects: listProjects(doc).map((project) => ({ ...project, leaders: ['张副县长'] })),
      problems: [],
      settings: DEFAULT_BOARD_SETTINGS(2026),
      weekOf: '2026-03-05' as IsoDate,
      groupBy: RankingGroup.leader,
      reporting: { recordsAt: (cutoff) => unitReportingRecords(doc, SETTINGS, 2026, cutoff), weights: { perLatePeriod: 4, perReturn: 2 } },
    })
    expect(ranked.rows.map((row) => row.reporting)).toEqual([null])
  })
})
