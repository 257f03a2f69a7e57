import { INDUSTRIES, type Industry } from '../domain/industry.ts'
import { countedProject } from '../domain/figureCheck.ts'
import { addCents, wanToCents } from '../domain/money.ts'
import { NATURES, type Nature } from '../domain/nature.ts'
import type { Project } from '../domain/project.ts'

/** 亿元以上 and 5000万元以上 are the standard cuts offices report on (in hundredths of 万元). */
export const InvestmentCut = {
  atLeastYi: 'yi',
  atLeast5000Wan: '5000wan',
} as const
export type InvestmentCut = (typeof InvestmentCut)[keyof typeof InvestmentCut]

const CUT_MIN_CENTS: Record<InvestmentCut, number> = { yi: 10_000 * 100, '5000wan': 5_000 * 100 }

export const INVESTMENT_CUT_LABEL: Record<InvestmentCut, string> = { yi: '亿元以上', '5000wan': '5000万元以上' }

/**
 * What the board shows. Lives in the URL so a filtered board can be shared ("工信局's projects
 * above 1亿 with open problems"); empty lists mean "any".
 */
export interface ProjectFilter {
  units: string[]
  leaders: string[]
  industries: Industry[]
  clusters: string[]
  natures: Nature[]
  investmentCut?: InvestmentCut
  withOpenProblems: boolean
  /** Part of the project name (case-insensitive, ignores spaces). */
  search: string
}

export const EMPTY_FILTER: ProjectFilter = {
  units: [],
  leaders: [],
  industries: [],
  clusters: [],
  natures: [],
  withOpenProblems: false,
  search: '',
}

/** Facts about a project that live outside its record, needed by some filters. */
export interface FilterContext {
  openProblemCount(projectId: string): number
}

function normalizeName(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase()
}

export function matchesFilter(project: Project, filter: ProjectFilter, context: FilterContext): boolean {
  if (filter.units.length > 0 && !filter.units.includes(project.unit)) return false
  if (filter.leaders.length > 0 && !project.leaders.some((leader) => filter.leaders.includes(leader))) return false
  if (filter.industries.length > 0 && (project.industry === undefined || !filter.industries.includes(project.industry))) return false
  if (filter.clusters.length > 0 && !filter.clusters.includes(project.cluster)) return false
  if (filter.natures.length > 0 && (project.nature === undefined || !filter.natures.includes(project.nature))) return false
  if (filter.investmentCut && wanToCents(project.totalInvestment) < CUT_MIN_CENTS[filter.investmentCut]) return false
  if (filter.withOpenProblems && context.openProblemCount(project.id) === 0) return false
  if (filter.search && !normalizeName(project.name).includes(normalizeName(filter.search))) return false
  return true
}

export function isFilterEmpty(filter: ProjectFilter): boolean {
  return filterToSearchParams(filter).size === 0
}

const LIST_PARAMS = { units: 'unit', leaders: 'leader', industries: 'industry', clusters: 'cluster', natures: 'nature' } as const

/** `?unit=工信局&unit=商务局&cut=yi&problems=1&q=储能` */
export function filterToSearchParams(filter: ProjectFilter): URLSearchParams {
  const params = new URLSearchParams()
  for (const [key, param] of Object.entries(LIST_PARAMS) as [keyof typeof LIST_PARAMS, string][]) {
    for (const value of filter[key]) params.append(param, value)
  }
  if (filter.investmentCut) params.set('cut', filter.investmentCut)
  if (filter.withOpenProblems) params.set('problems', '1')
  if (filter.search.trim()) params.set('q', filter.search.trim())
  return params
}

/** Reads a filter from URL parameters; unknown values are dropped, never trusted. */
export function filterFromSearchParams(params: URLSearchParams): ProjectFilter {
  const cut = params.get('cut')
  return {
    units: params.getAll(LIST_PARAMS.units).filter(Boolean),
    leaders: params.getAll(LIST_PARAMS.leaders).filter(Boolean),
    industries: params.getAll(LIST_PARAMS.industries).filter((value): value is Industry => (INDUSTRIES as readonly string[]).includes(value)),
    clusters: params.getAll(LIST_PARAMS.clusters).filter(Boolean),
    natures: params.getAll(LIST_PARAMS.natures).filter((value): value is Nature => (NATURES as readonly string[]).includes(value)),
    investmentCut: cut === InvestmentCut.atLeastYi || cut === InvestmentCut.atLeast5000Wan ? cut : undefined,
    withOpenProblems: params.get('problems') === '1',
    search: params.get('q') ?? '',
  }
}

/** Column header figures for what is visible, exact (hundredths of 万元). */
export interface ColumnTotals {
  count: number
  totalInvestmentCents: number
  annualPlanCents: number
  completedCents: number
}

export function columnTotals(projects: readonly Project[]): ColumnTotals {
  const totals: ColumnTotals = { count: 0, totalInvestmentCents: 0, annualPlanCents: 0, completedCents: 0 }
  for (const shown of projects) {
    // Figures waiting for the 项目办's confirmation are not added up (figureCheck.countedProject).
    const project = countedProject(shown)
    totals.count += 1
    totals.totalInvestmentCents = addCents(totals.totalInvestmentCents, wanToCents(project.totalInvestment))
    totals.annualPlanCents = addCents(totals.annualPlanCents, wanToCents(project.annualPlanInvestment))
    totals.completedCents = addCents(totals.completedCents, wanToCents(project.completedInvestment))
  }
  return totals
}

/** Swimlanes: one row of columns per 责任单位 or per 包抓领导 (a card with several leaders sits with its first). */
export const LaneGrouping = {
  none: 'none',
  unit: 'unit',
  leader: 'leader',
} as const
export type LaneGrouping = (typeof LaneGrouping)[keyof typeof LaneGrouping]

export function laneKeyOf(project: Project, grouping: LaneGrouping): string {
  switch (grouping) {
    case LaneGrouping.none:
      return ''
    case LaneGrouping.unit:
      return project.unit
    case LaneGrouping.leader:
      return project.leaders[0] ?? '未指定包抓领导'
  }
}
