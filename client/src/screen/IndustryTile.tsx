import { memo, useMemo } from 'react'
import { formatYi } from '@guatu/shared/domain/money'
import { formatPercent, roundDivide } from '@guatu/shared/progress/fraction'
import { EChart } from './EChart.tsx'
import type { ScreenChartOption } from './echarts.ts'
import { INDUSTRY_COLOR, WALL_FONT, WALL_TEXT } from './palette.ts'
import { Figure, ScreenTile } from './ScreenTile.tsx'
import type { IndustryFigure } from './screenFigures.ts'

function chartOption(industries: readonly IndustryFigure[]): ScreenChartOption {
  return {
    animationDuration: 600,
    textStyle: { fontFamily: WALL_FONT, color: WALL_TEXT },
    series: [
      {
        type: 'pie',
        radius: ['52%', '88%'],
        center: ['50%', '50%'],
        silent: true,
        label: { show: false },
        labelLine: { show: false },
        itemStyle: { borderColor: '#06173d', borderWidth: 3 },
        data: industries.map((figure) => ({ name: figure.label, value: figure.totalCents, itemStyle: { color: INDUSTRY_COLOR[figure.industry] } })),
      },
    ],
  }
}

/**
 * 产业类别 by 总投资: a ring for the proportions, and beside it every figure printed (count,
 * 亿元, share), since nobody hovers over a wall.
 */
export const IndustryTile = memo(function IndustryTile({ industries }: { industries: readonly IndustryFigure[] }) {
  const option = useMemo(() => chartOption(industries), [industries])
  const total = industries.reduce((sum, figure) => sum + figure.totalCents, 0)
  return (
    <ScreenTile title="产业结构" className="sw-tile-industry" aside={<span className="sw-tile-note">按总投资</span>}>
      <div className="sw-industry">
        <div className="sw-industry-ring">
          <EChart option={option} label="各产业类别总投资占比环形图" />
        </div>
        <ul className="sw-industry-list">
          {industries.map((figure) => (
            <li key={figure.industry} className="sw-industry-row">
              <span className="sw-industry-dot" style={{ background: INDUSTRY_COLOR[figure.industry] }} aria-hidden="true" />
              <span className="sw-industry-name">{figure.label}</span>
              <Figure value={String(figure.count)} unit="个" className="sw-industry-count" />
              <Figure value={formatYi(figure.totalCents)} unit="亿元" className="sw-industry-money" />
              <span className="sw-industry-share">{total > 0 ? formatPercent(roundDivide(figure.totalCents * 1000, total)) : '—'}</span>
            </li>
          ))}
        </ul>
      </div>
    </ScreenTile>
  )
})
