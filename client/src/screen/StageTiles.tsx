import { memo } from 'react'
import { formatYi } from '@guatu/shared/domain/money'
import { STAGE_LABEL } from '@guatu/shared/domain/stage'
import { formatPercent, roundDivide } from '@guatu/shared/progress/fraction'
import { Figure } from './ScreenTile.tsx'
import type { BoardTotals, StageFigure, Tally } from './screenFigures.ts'

/** 项目总数 and 总投资 (亿元, exact to the cent of 万元, two decimals). */
const TotalTile = memo(function TotalTile({ all }: { all: Tally }) {
  return (
    <section className="sw-tile sw-kpi sw-kpi-total" data-testid="screen-tile" aria-label="项目总数和总投资">
      <div className="sw-kpi-block">
        <span className="sw-kpi-label">重点项目</span>
        <Figure value={String(all.count)} unit="个" className="sw-kpi-count" testId="screen-total-count" />
      </div>
      <div className="sw-kpi-divider" aria-hidden="true" />
      <div className="sw-kpi-block">
        <span className="sw-kpi-label">总投资</span>
        <Figure value={formatYi(all.totalCents)} unit="亿元" className="sw-kpi-money" testId="screen-total-investment" />
      </div>
    </section>
  )
})

/**
 * A column as it stands now (当前在该阶段), not the year's entries (those are the targets' 年内新增).
 * The share is of 总投资, the measure printed large; the count is printed beside it.
 */
const StageTile = memo(function StageTile({ figure, totalCents }: { figure: StageFigure; totalCents: number }) {
  const share = totalCents > 0 ? roundDivide(figure.totalCents * 1000, totalCents) : 0
  return (
    <section className={`sw-tile sw-kpi sw-kpi-stage sw-stage-${figure.stage}`} data-testid="screen-tile" aria-label={`${STAGE_LABEL[figure.stage]}阶段`}>
      <div className="sw-kpi-stage-head">
        <span className="sw-stage-name">{STAGE_LABEL[figure.stage]}</span>
        <span className="sw-stage-now">当前在该阶段</span>
        <span className="sw-stage-share">投资占 {formatPercent(share)}</span>
      </div>
      <div className="sw-kpi-stage-figures">
        <Figure value={String(figure.count)} unit="个" className="sw-kpi-count" testId={`screen-stage-count-${figure.stage}`} />
        <Figure value={formatYi(figure.totalCents)} unit="亿元" className="sw-kpi-stage-money" testId={`screen-stage-investment-${figure.stage}`} />
      </div>
    </section>
  )
})

/** The headline strip: the whole board, then 谋划 → 签约 → 开工 → 投产. */
export const StageTiles = memo(function StageTiles({ totals }: { totals: BoardTotals }) {
  return (
    <div className="sw-wall-kpis">
      <TotalTile all={totals.all} />
      {totals.stages.map((figure) => (
        <StageTile key={figure.stage} figure={figure} totalCents={totals.all.totalCents} />
      ))}
    </div>
  )
})
