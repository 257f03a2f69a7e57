import { memo, useCallback, useId, useState } from 'react'
import { EMPTY_FILTER, INVESTMENT_CUT_LABEL, InvestmentCut, LaneGrouping, type ProjectFilter } from '@guatu/shared/board/projectFilter'
import { ExportButtons } from '../ledger/ExportButtons.tsx'
import { followMeetingStore } from '../meeting/followStore.ts'
import { useFollowedUnit } from '../meeting/useFollowedUnit.ts'
import { isQueryFiltered, type BoardQuery } from './boardQuery.ts'
import { isLightFilter, LIGHT_FILTER_LABEL, LIGHT_FILTERS } from '@guatu/shared/progress/lightFilter'
import { MultiSelectFilter } from './MultiSelectFilter.tsx'
import { SearchBox } from './SearchBox.tsx'
import { useCompactScreen } from './useCompactScreen.ts'
import { useFilterOptions } from './useFilterOptions.ts'
import './filter.css'

const CUTS = [InvestmentCut.atLeastYi, InvestmentCut.atLeast5000Wan] as const

const LANE_LABEL: Record<LaneGrouping, string> = {
  none: '不分组',
  unit: '按责任单位',
  leader: '按包抓领导',
}
const LANE_CHOICES = [LaneGrouping.none, LaneGrouping.unit, LaneGrouping.leader] as const

function isCut(value: string): value is InvestmentCut {
  return (CUTS as readonly string[]).includes(value)
}

function isLaneChoice(value: string): value is LaneGrouping {
  return (LANE_CHOICES as readonly string[]).includes(value)
}

/**
 * Above the board: what to show (责任单位 … 名称) and how to group it. In a 调度会 the board is
 * filtered to the unit reporting; the address follows, so the filtered board can be shared.
 * 预警 (the card's light) is a client-side extra kept as `light=` in the address (lightFilter.ts).
 * While the browser follows a meeting, 责任单位 shows the unit reporting (what the board shows);
 * choosing units by hand steps out of following. On a small screen the filters start folded
 * behind 筛选, with a one-line summary of what is applied, so the cards get the height.
 */
export const FilterBar = memo(function FilterBar({ boardId, query, onChange }: { boardId: string; query: BoardQuery; onChange: (next: BoardQuery) => void }) {
  const options = useFilterOptions()
  const { filter, lanes } = query
  const followedUnit = useFollowedUnit()
  const compact = useCompactScreen()
  const [expanded, setExpanded] = useState<boolean | undefined>()
  const open = expanded ?? !compact
  const panelId = useId()
  const setFilter = useCallback((patch: Partial<ProjectFilter>) => onChange({ ...query, filter: { ...query.filter, ...patch } }), [onChange, query])
  const setUnits = (units: string[]) => {
    if (followedUnit !== undefined) followMeetingStore.set(false)
    setFilter({ units })
  }
  const shownUnits = followedUnit !== undefined ? [followedUnit] : filter.units
  const active = isQueryFiltered(query)
  const summary = filterSummary(query, followedUnit)
  return (
    <div className={`filter-bar board-filter${open ? '' : ' filter-bar-folded'}`} role="search" aria-label="筛选项目" data-testid="filter-bar">
      <button
        type="button"
        className="filter-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setExpanded(!open)}
        data-testid="filter-toggle"
      >
        {open ? '收起筛选' : '筛选'}
      </button>
      {!open && (
        <span className="filter-summary" data-testid="filter-summary">
          {summary}
        </span>
      )}
      <div id={panelId} className="filter-controls" hidden={!open}>
        <MultiSelectFilter label="责任单位" testId="filter-unit" options={options.units} selected={shownUnits} onChange={setUnits} />
        {followedUnit !== undefined && (
          <span className="filter-following" data-testid="filter-following">
            跟随汇报
          </span>
        )}
        <MultiSelectFilter
          label="包抓领导"
          testId="filter-leader"
          options={options.leaders}
          selected={filter.leaders}
          onChange={(leaders) => setFilter({ leaders })}
        />
        <MultiSelectFilter
          label="产业类别"
          testId="filter-industry"
          options={options.industries}
          selected={filter.industries}
          onChange={(industries) => setFilter({ industries })}
        />
        <MultiSelectFilter
          label="产业集群"
          testId="filter-cluster"
          options={options.clusters}
          selected={filter.clusters}
          onChange={(clusters) => setFilter({ clusters })}
        />
        <MultiSelectFilter
          label="建设性质"
          testId="filter-nature"
          options={options.natures}
          selected={filter.natures}
          onChange={(natures) => setFilter({ natures })}
        />
        <label className="filter-inline">
          投资规模
          <select
            value={filter.investmentCut ?? ''}
            data-testid="filter-cut"
            onChange={(event) => {
              const value = event.target.value
              setFilter({ investmentCut: isCut(value) ? value : undefined })
            }}
          >
            <option value="">不限</option>
            {CUTS.map((cut) => (
              <option key={cut} value={cut}>
                {INVESTMENT_CUT_LABEL[cut]}
              </option>
            ))}
          </select>
        </label>
        <label className="filter-inline filter-check">
          <input
            type="checkbox"
            checked={filter.withOpenProblems}
            data-testid="filter-problems"
            onChange={(event) => setFilter({ withOpenProblems: event.target.checked })}
          />
          有未解决问题
        </label>
        <label className="filter-inline filter-extra">
          预警
          <select
            value={query.light ?? ''}
            data-testid="filter-light"
            onChange={(event) => {
              const value = event.target.value
              onChange({ ...query, light: isLightFilter(value) ? value : null })
            }}
          >
            <option value="">不限</option>
            {LIGHT_FILTERS.map((light) => (
              <option key={light} value={light}>
                {LIGHT_FILTER_LABEL[light]}
              </option>
            ))}
          </select>
        </label>
        {open && <SearchBox value={filter.search} onChange={(search) => setFilter({ search })} />}
        {active && (
          <button type="button" className="link-button" data-testid="filter-clear" onClick={() => onChange({ ...query, filter: EMPTY_FILTER, light: null })}>
            清除筛选
          </button>
        )}
        <label className="filter-inline filter-lanes">
          分组
          <select
            value={lanes}
            data-testid="lanes-select"
            onChange={(event) => {
              const value = event.target.value
              if (isLaneChoice(value)) onChange({ ...query, lanes: value })
            }}
          >
            {LANE_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {LANE_LABEL[choice]}
              </option>
            ))}
          </select>
        </label>
        <ExportButtons boardId={boardId} filter={filter} />
        {/* On a phone the open filters are a sheet over the board (phone/fullBoard.css); this closes it. */}
        <button type="button" className="filter-sheet-done primary-button" data-testid="filter-sheet-done" onClick={() => setExpanded(false)}>
          完成
        </button>
      </div>
      {!open && <SearchBox value={filter.search} onChange={(search) => setFilter({ search })} />}
    </div>
  )
})

/** "责任单位：工信局（跟随汇报）· 有未解决问题": what the folded bar applies, in one line. */
function filterSummary(query: BoardQuery, followedUnit: string | undefined): string {
  const { filter } = query
  const parts: string[] = []
  if (followedUnit !== undefined) parts.push(`责任单位：${followedUnit}（跟随汇报）`)
  else if (filter.units.length > 0) parts.push(`责任单位：${filter.units.join('、')}`)
  const counted: [string, readonly string[]][] = [
    ['包抓领导', filter.leaders],
    ['产业类别', filter.industries],
    ['产业集群', filter.clusters],
    ['建设性质', filter.natures],
  ]
  for (const [label, values] of counted) if (values.length > 0) parts.push(`${label}${values.length}项`)
  if (filter.investmentCut) parts.push(INVESTMENT_CUT_LABEL[filter.investmentCut])
  if (filter.withOpenProblems) parts.push('有未解决问题')
  if (query.light) parts.push(LIGHT_FILTER_LABEL[query.light])
  return parts.length > 0 ? parts.join(' · ') : '全部项目'
}
