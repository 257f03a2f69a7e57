import { memo } from 'react'
import { LIGHT_LABEL, LIGHT_RULE_LABEL, Light, type Warning } from '@guatu/shared/progress/lights'
import { fitText } from './fitText.ts'
import { ScreenTile } from './ScreenTile.tsx'
import { useFreshKeys } from './useFlash.ts'
import { usePagedList } from './usePagedList.ts'

const ROWS_PER_PAGE = 6
const PAGE_TURN_MS = 10_000
const NAME_MAX_EM = 20
const UNIT_MAX_EM = 6
const REASON_MAX_EM = 33

/** A row is new when its project, rule or colour is: a yellow turning red glows again. */
const warningKey = (warning: Warning) => `${warning.projectId}:${warning.rule}:${warning.light}`

const WarningRow = memo(function WarningRow({ warning, fresh }: { warning: Warning; fresh: boolean }) {
  return (
    <li className={`sw-warning sw-light-${warning.light} ${fresh ? 'sw-flash' : ''}`} data-testid="screen-warning-row" data-light={warning.light} data-unit={warning.unit}>
      <span className="sw-warning-light" aria-label={`${LIGHT_LABEL[warning.light]}灯`}>
        {LIGHT_LABEL[warning.light]}
      </span>
      <div className="sw-warning-text">
        <div className="sw-warning-line">
          <span className="sw-warning-name">{fitText(warning.projectName, NAME_MAX_EM)}</span>
          <span className="sw-warning-unit">{fitText(warning.unit, UNIT_MAX_EM)}</span>
        </div>
        <div className="sw-warning-line sw-warning-why">
          <span className="sw-warning-rule">{LIGHT_RULE_LABEL[warning.rule]}</span>
          <span className="sw-warning-reason">{fitText(warning.reason, REASON_MAX_EM)}</span>
        </div>
      </div>
    </li>
  )
})

/**
 * 红黄灯: every red and yellow light with the published rule behind it, worst and oldest first,
 * turning pages every 10 s when they do not fit. During a meeting, the reporting unit's only.
 */
export const WarningsTile = memo(function WarningsTile({ warnings, unit }: { warnings: readonly Warning[]; unit: string | undefined }) {
  const fresh = useFreshKeys(warnings.map(warningKey))
  const paged = usePagedList(warnings, ROWS_PER_PAGE, PAGE_TURN_MS)
  const red = warnings.filter((warning) => warning.light === Light.red).length
  const yellow = warnings.length - red
  return (
    <ScreenTile
      title={unit ? `红黄灯预警 · ${fitText(unit, UNIT_MAX_EM)}` : '红黄灯预警'}
      className="sw-tile-warnings"
      aside={
        <span className="sw-tile-note sw-warning-counts">
          <span className="sw-count-red">红灯 {red}</span>
          <span className="sw-count-yellow">黄灯 {yellow}</span>
          {paged.pageCount > 1 && <span className="sw-page-indicator">{`${paged.page + 1}/${paged.pageCount}`}</span>}
        </span>
      }
    >
      {warnings.length === 0 ? (
        <p className="sw-tile-empty">{unit ? `${unit}暂无红黄灯项目` : '暂无红黄灯项目'}</p>
      ) : (
        <ul className="sw-warnings">
          {paged.items.map((warning) => (
            <WarningRow key={warningKey(warning)} warning={warning} fresh={fresh.has(warningKey(warning))} />
          ))}
        </ul>
      )}
    </ScreenTile>
  )
})
