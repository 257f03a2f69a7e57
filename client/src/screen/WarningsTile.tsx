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
    <li
      className={`sw-warning sw-light-${warning.light} ${fresh ? 'sw-flash' : ''}`}
      data-testid="screen-warning-row"
      data-light={warning.light}
      data-unit={warning.unit}
    >
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
export const WarningsTile = memo(function WarningsTile({
  warnings,
  unit,
  projectLights,
}: {
  warnings: readonly Warning[]
  unit: string | undefined
  /** Projects by their worst light: the board header's 红/黄 counts, the same measure. */
  projectLights: Record<Light, number> | undefined
}) {
  const fresh = useFreshKeys(warnings.map(warningKey))
  const paged = usePagedList(warnings, ROWS_PER_PAGE, PAGE_TURN_MS)
  return (
    <ScreenTile
      title={unit ? `红黄灯预警 · ${fitText(unit, UNIT_MAX_EM)}` : '红黄灯预警'}
      className="sw-tile-warnings"
      aside={
        <span className="sw-tile-note sw-warning-counts">
          {/* Projects (as the board header counts them) and warnings (one project may have several) said apart. */}
          <span className="sw-count-red" data-testid="screen-red-projects" data-count={projectLights?.red ?? 0}>
            红灯{projectLights?.red ?? 0}个项目
          </span>
          <span className="sw-count-yellow" data-testid="screen-yellow-projects" data-count={projectLights?.yellow ?? 0}>
            黄灯{projectLights?.yellow ?? 0}个
          </span>
          <span data-testid="screen-warning-count" data-count={warnings.length}>
            {warnings.length}条预警
          </span>
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
