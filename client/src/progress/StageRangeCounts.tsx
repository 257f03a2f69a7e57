import { memo, useMemo, useState } from 'react'
import { formatChineseDate, isIsoDate, type IsoDate } from '@guatu/shared/domain/dates'
import { formatYi } from '@guatu/shared/domain/money'
import type { Project } from '@guatu/shared/domain/project'
import { STAGE_LABEL } from '@guatu/shared/domain/stage'
import { stageEntriesInRange } from '@guatu/shared/progress/stageCounts'
import { PROGRESS_STAGES } from '@guatu/shared/progress/stageEntry'
import { isStatPeriod, STAT_PERIOD_LABEL, STAT_PERIODS, StatPeriod, statRange } from './statRanges.ts'

/**
 * 签约/开工/投产 counted by the day each project entered the stage, over a chosen period: 本月,
 * 本季度, 上季度, 全年 or any two dates.
 */
export const StageRangeCounts = memo(function StageRangeCounts({ projects, asOf, year }: { projects: readonly Project[]; asOf: IsoDate; year: number }) {
  const [period, setPeriod] = useState<StatPeriod>(StatPeriod.quarter)
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const range = useMemo(() => {
    const preset = statRange(period, asOf, year)
    if (preset) return preset
    return isIsoDate(from) && isIsoDate(to) && from <= to ? { from, to } : null
  }, [period, asOf, year, from, to])
  const tallies = useMemo(() => (range ? stageEntriesInRange(projects, range) : null), [projects, range])
  return (
    <div className="stage-range" data-testid="stage-range">
      <div className="filter-bar" role="group" aria-label="统计区间">
        <label className="filter-inline">
          统计区间
          <select value={period} onChange={(event) => isStatPeriod(event.target.value) && setPeriod(event.target.value)} data-testid="stage-range-period">
            {STAT_PERIODS.map((value) => (
              <option key={value} value={value}>
                {STAT_PERIOD_LABEL[value]}
              </option>
            ))}
          </select>
        </label>
        {period === StatPeriod.custom && (
          <>
            <label className="filter-inline">
              从
              <input type="date" value={from} onChange={(event) => setFrom(event.target.value)} data-testid="stage-range-from" />
            </label>
            <label className="filter-inline">
              至
              <input type="date" value={to} onChange={(event) => setTo(event.target.value)} data-testid="stage-range-to" />
            </label>
          </>
        )}
        <span className="stage-range-text" data-testid="stage-range-text">
          {range ? `${formatChineseDate(range.from)} 至 ${formatChineseDate(range.to)}` : '请选择起止日期'}
        </span>
      </div>
      {tallies && (
        <div className="stat-tiles">
          {PROGRESS_STAGES.map((stage) => (
            <div key={stage} className={`stat-tile stage-${stage}`} data-testid={`stage-range-${stage}`} data-count={tallies[stage].count}>
              <span className="stat-label">{STAGE_LABEL[stage]}</span>
              <span className="stat-value">{tallies[stage].count}</span>
              <span className="stat-unit">个项目</span>
              <span className="stat-sub">
                其中亿元以上 {tallies[stage].countAtLeastYi} 个 · 总投资 {formatYi(tallies[stage].investmentCents)} 亿元
              </span>
            </div>
          ))}
        </div>
      )}
    </div>
  )
})
