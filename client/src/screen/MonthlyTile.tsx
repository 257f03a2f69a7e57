import { memo, useMemo } from 'react'
import { monthOf, yearOf } from '@guatu/shared/progress/progressDates'
import { STAGE_LABEL } from '@guatu/shared/domain/stage'
import type { IsoDate } from '@guatu/shared/domain/dates'
import { PROGRESS_STAGES } from '@guatu/shared/progress/stageEntry'
import type { MonthTallies } from '@guatu/shared/progress/stageCounts'
import { EChart } from './EChart.tsx'
import type { ScreenChartOption } from './echarts.ts'
import { STAGE_COLOR, WALL_FONT, WALL_GRID, WALL_TEXT, WALL_TEXT_MUTED } from './palette.ts'
import { ScreenTile } from './ScreenTile.tsx'

const MONTHS_PER_YEAR = 12

/** Months of the board's year up to 数据截至: later months have nothing to show yet. */
function monthsShown(year: number, asOf: IsoDate): number {
  if (yearOf(asOf) < year) return 1
  if (yearOf(asOf) > year) return MONTHS_PER_YEAR
  return monthOf(asOf)
}

function chartOption(monthly: readonly MonthTallies[], months: number): ScreenChartOption {
  const shown = monthly.slice(0, months)
  const crowded = months > 8
  return {
    animationDuration: 600,
    textStyle: { fontFamily: WALL_FONT, color: WALL_TEXT },
    grid: { left: 8, right: 8, top: 44, bottom: 4, containLabel: true },
    legend: {
      top: 0,
      right: 0,
      itemWidth: 18,
      itemHeight: 12,
      itemGap: 24,
      textStyle: { color: WALL_TEXT, fontSize: 18 },
      selectedMode: false,
    },
    xAxis: {
      type: 'category',
      data: shown.map((month) => `${month.month}月`),
      axisLine: { lineStyle: { color: WALL_GRID } },
      axisTick: { show: false },
      axisLabel: { color: WALL_TEXT_MUTED, fontSize: 17 },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      splitNumber: 3,
      axisLabel: { color: WALL_TEXT_MUTED, fontSize: 16 },
      splitLine: { lineStyle: { color: WALL_GRID } },
    },
    series: PROGRESS_STAGES.map((stage) => ({
      type: 'bar' as const,
      name: STAGE_LABEL[stage],
      data: shown.map((month) => month.entries[stage].count),
      itemStyle: { color: STAGE_COLOR[stage], borderRadius: [3, 3, 0, 0] },
      barMaxWidth: 22,
      barGap: '20%',
      label: {
        show: true,
        position: 'top' as const,
        color: WALL_TEXT,
        fontSize: crowded ? 12 : 15,
        formatter: (p: { value: unknown }) => (p.value ? String(p.value) : ''),
      },
      emphasis: { disabled: true },
    })),
  }
}

/** 签约 / 开工 / 投产 entered in each month of the year (by the recorded entry date). */
export const MonthlyTile = memo(function MonthlyTile({ monthly, year, asOf }: { monthly: readonly MonthTallies[]; year: number; asOf: IsoDate }) {
  const months = monthsShown(year, asOf)
  const option = useMemo(() => chartOption(monthly, months), [monthly, months])
  const totals = PROGRESS_STAGES.map((stage) => ({
    stage,
    count: monthly.slice(0, months).reduce((sum, month) => sum + month.entries[stage].count, 0),
  }))
  return (
    <ScreenTile
      title={`${year}年月度签约、开工、投产`}
      className="sw-tile-monthly"
      aside={
        <span className="sw-tile-note sw-monthly-totals">
          {totals.map(({ stage, count }) => (
            <span key={stage} className={`sw-monthly-total sw-stage-${stage}`}>
              {STAGE_LABEL[stage]} <strong>{count}</strong>
            </span>
          ))}
        </span>
      }
    >
      <EChart option={option} label="月度签约、开工、投产项目数柱状图" />
    </ScreenTile>
  )
})
