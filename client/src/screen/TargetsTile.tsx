import { memo } from 'react'
import { formatYi } from '@guatu/shared/domain/money'
import { TargetMeasure, type TargetProgress } from '@guatu/shared/progress/boardProgress'
import { GapStatus, gapText } from '@guatu/shared/progress/completion'
import { formatPercent } from '@guatu/shared/progress/fraction'
import type { TimeProgress } from '@guatu/shared/progress/timeProgress'
import { Figure, ScreenTile } from './ScreenTile.tsx'
import { usePagedList } from './usePagedList.ts'

const ROWS_PER_PAGE = 5
const PAGE_TURN_MS = 10_000
/** A bar stops at full: 120% still reads as "done", and the 序时进度 mark stays on the bar. */
const BAR_MAX_TENTHS = 1000

const isMoney = (measure: TargetMeasure) => measure === TargetMeasure.stageInvestment || measure === TargetMeasure.completedInvestment

function amount(value: number, measure: TargetMeasure): string {
  return isMoney(measure) ? formatYi(value) : String(value)
}

const TargetRow = memo(function TargetRow({ target }: { target: TargetProgress }) {
  const { completion, measure } = target
  const unit = isMoney(measure) ? '亿元' : '个'
  const rateTenths = completion.rate?.percentTenths ?? 0
  const timeTenths = completion.timeProgress.percentTenths
  const status = completion.status ?? GapStatus.even
  return (
    <li className={`sw-target sw-gap-${status}`} data-testid="screen-target" data-key={target.key} data-done={completion.done}>
      <div className="sw-target-head">
        <span className="sw-target-label">{target.label}</span>
        <span className="sw-target-done">
          <Figure value={amount(completion.done, measure)} className="sw-target-done-value" />
          <span className="sw-target-of">
            / {completion.target === null ? '—' : amount(completion.target, measure)} {unit}
          </span>
        </span>
        <Figure value={completion.rate ? formatPercent(rateTenths) : '—'} className="sw-target-rate" />
      </div>
      <div className="sw-target-track">
        <div className="sw-target-bar" aria-hidden="true">
          <div className="sw-target-fill" style={{ width: `${Math.min(rateTenths, BAR_MAX_TENTHS) / 10}%` }} />
          <div className="sw-time-mark" style={{ left: `${Math.min(timeTenths, BAR_MAX_TENTHS) / 10}%` }} />
        </div>
        <span className="sw-target-gap-text">{completion.gapTenths === null ? '未设目标' : gapText(completion.gapTenths, true)}</span>
      </div>
    </li>
  )
})

/**
 * The wall's one basis for investment completion: 完成投资 against the year's investment target
 * (this tile's title). The unit tile prints amounts only, so no second 完成率 on another basis.
 *
 * Each of the year's targets: done / target, 完成率, and the gap to 序时进度 in 百分点. 序时进度 is the
 * same for every target: printed once in the title bar, and the white tick on every bar.
 */
export const TargetsTile = memo(function TargetsTile({ targets, timeProgress }: { targets: readonly TargetProgress[]; timeProgress: TimeProgress }) {
  const paged = usePagedList(targets, ROWS_PER_PAGE, PAGE_TURN_MS)
  return (
    <ScreenTile
      title="年度目标完成情况"
      className="sw-tile-targets"
      aside={
        <span className="sw-tile-note">
          年内新增
          <span className="sw-time-legend" aria-hidden="true" />
          序时 {formatPercent(timeProgress.percentTenths)}
          {paged.pageCount > 1 && ` · ${paged.page + 1}/${paged.pageCount}`}
        </span>
      }
    >
      {targets.length === 0 ? (
        <p className="sw-tile-empty">尚未设置年度目标</p>
      ) : (
        // Every target's figure, also those on a page not showing now: what a check of the wall compares.
        <ul
          className="sw-targets"
          data-testid="screen-targets"
          data-done={JSON.stringify(Object.fromEntries(targets.map((target) => [target.key, target.completion.done])))}
        >
          {paged.items.map((target) => (
            <TargetRow key={target.key} target={target} />
          ))}
        </ul>
      )}
    </ScreenTile>
  )
})
