import {
  EMPTY_FILTER,
  InvestmentCut,
  LaneGrouping,
  filterFromSearchParams,
  filterToSearchParams,
  isFilterEmpty,
  type ProjectFilter,
} from '@guatu/shared/board/projectFilter'
import { isLightFilter, LIGHT_PARAM, type LightFilter } from '@guatu/shared/progress/lightFilter'

/** What the board address says beyond the board id: the filter and the swimlanes. */
export interface BoardQuery {
  readonly filter: ProjectFilter
  readonly lanes: LaneGrouping
  /** The client-side 预警 filter (`light=`), see lightFilter.ts; null shows every card. */
  readonly light: LightFilter | null
}

const LANES_PARAM = 'lanes'

/**
 * The parameter names the shared filter writes, found by encoding a filter with every criterion
 * set. Asking shared/ rather than listing them here keeps one definition of the URL format; they
 * are needed to replace the filter in an address without dropping its other parameters (a screen
 * link's `?token=` must survive, or the wall display would be signed out on reload).
 */
const FILTER_PARAM_NAMES: ReadonlySet<string> = new Set(
  filterToSearchParams({
    units: ['x'],
    leaders: ['x'],
    industries: ['primary'],
    clusters: ['x'],
    natures: ['new'],
    investmentCut: InvestmentCut.atLeastYi,
    withOpenProblems: true,
    search: 'x',
  }).keys(),
)

function isLaneGrouping(value: string | null): value is LaneGrouping {
  return value === LaneGrouping.unit || value === LaneGrouping.leader
}

export function readBoardQuery(search: string): BoardQuery {
  const params = new URLSearchParams(search)
  const lanes = params.get(LANES_PARAM)
  const light = params.get(LIGHT_PARAM)
  return {
    filter: filterFromSearchParams(params),
    lanes: isLaneGrouping(lanes) ? lanes : LaneGrouping.none,
    light: isLightFilter(light) ? light : null,
  }
}

/** `search` with its filter, lanes and 预警 filter replaced by `query`'s; other parameters are kept. */
export function writeBoardQuery(search: string, query: BoardQuery): string {
  const params = new URLSearchParams(search)
  for (const name of [...params.keys()]) if (FILTER_PARAM_NAMES.has(name) || name === LANES_PARAM || name === LIGHT_PARAM) params.delete(name)
  for (const [name, value] of filterToSearchParams(query.filter)) params.append(name, value)
  if (query.lanes !== LaneGrouping.none) params.set(LANES_PARAM, query.lanes)
  if (query.light !== null) params.set(LIGHT_PARAM, query.light)
  const text = params.toString()
  return text ? `?${text}` : ''
}

export const EMPTY_QUERY: BoardQuery = { filter: EMPTY_FILTER, lanes: LaneGrouping.none, light: null }

/** Whether any criterion, shared or client-side, narrows the board. */
export function isQueryFiltered(query: BoardQuery): boolean {
  return !isFilterEmpty(query.filter) || query.light !== null
}
