import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { listProjects } from '@guatu/shared/board/projectQueries'
import {
  EMPTY_FILTER,
  columnTotals,
  filterFromSearchParams,
  filterToSearchParams,
  laneKeyOf,
  matchesFilter,
  type ProjectFilter,
} from '@guatu/shared/board/projectFilter'
import { generateDemoLedger } from '@guatu/shared/demo/generateLedger'
import { demoProjectId, seedBoardDoc } from '@guatu/shared/demo/seedBoard'
import { sumCents, wanToCents } from '@guatu/shared/domain/money'

function demoProjects() {
  const doc = new Y.Doc()
  seedBoardDoc(doc, generateDemoLedger(), { idForIndex: demoProjectId })
  return listProjects(doc)
}

const noProblems = { openProblemCount: () => 0 }

describe('project filter', () => {
  test('an empty filter shows every project and puts nothing in the URL', () => {
    const projects = demoProjects()
    expect(projects.filter((project) => matchesFilter(project, EMPTY_FILTER, noProblems))).toHaveLength(projects.length)
    expect(filterToSearchParams(EMPTY_FILTER).toString()).toBe('')
  })

  test('filtering by one unit keeps exactly that unit’s projects and the totals follow', () => {
    const projects = demoProjects()
    const filter: ProjectFilter = { ...EMPTY_FILTER, units: ['工信局'] }
    const shown = projects.filter((project) => matchesFilter(project, filter, noProblems))
    expect(shown.length).toBeGreaterThan(0)
    expect(shown.every((project) => project.unit === '工信局')).toBe(true)
    expect(columnTotals(shown).totalInvestmentCents).toBe(sumCents(shown.map((project) => project.totalInvestment)))
    expect(columnTotals(shown).count).toBe(projects.filter((project) => project.unit === '工信局').length)
  })

  test('亿元以上 keeps projects of at least 1亿 and drops smaller ones', () => {
    const projects = demoProjects()
    const shown = projects.filter((project) => matchesFilter(project, { ...EMPTY_FILTER, investmentCut: 'yi' }, noProblems))
    expect(shown.every((project) => wanToCents(project.totalInvestment) >= 1_000_000)).toBe(true)
    expect(shown.length).toBeLessThan(projects.length)
  })

  test('name search ignores spaces and case, and open-problem filtering asks the context', () => {
    const projects = demoProjects()
    const target = projects[7]!
    const bySearch = projects.filter((project) => matchesFilter(project, { ...EMPTY_FILTER, search: ` ${target.name.slice(0, 3)} ` }, noProblems))
    expect(bySearch).toContainEqual(target)
    const withProblems = projects.filter((project) =>
      matchesFilter(project, { ...EMPTY_FILTER, withOpenProblems: true }, { openProblemCount: (id) => (id === target.id ? 2 : 0) }),
    )
    expect(withProblems).toEqual([target])
  })

  test('a filter survives the trip through the URL, and junk values are dropped', () => {
    const filter: ProjectFilter = {
      units: ['工信局', '商务局'],
      leaders: ['张卫东'],
      industries: ['secondary'],
      clusters: ['新能源'],
      natures: ['new'],
      investmentCut: '5000wan',
      withOpenProblems: true,
      search: '储能',
    }
    expect(filterFromSearchParams(new URLSearchParams(filterToSearchParams(filter).toString()))).toEqual(filter)
    const junk = filterFromSearchParams(new URLSearchParams('industry=quaternary&nature=old&cut=huge'))
    expect(junk).toEqual({ ...EMPTY_FILTER, investmentCut: undefined })
  })

  test('swimlanes group by unit, or by the first 包抓领导', () => {
    const [project] = demoProjects()
    expect(laneKeyOf(project!, 'unit')).toBe(project!.unit)
    expect(laneKeyOf({ ...project!, leaders: ['王海平', '赵丽华'] }, 'leader')).toBe('王海平')
    expect(laneKeyOf({ ...project!, leaders: [] }, 'leader')).toBe('未指定包抓领导')
  })
})
