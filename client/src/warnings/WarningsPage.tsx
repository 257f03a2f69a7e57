import { memo, useMemo, useState } from 'react'
import { ChoiceFilter } from '../filter/ChoiceFilter.tsx'
import type { ProjectId } from '@guatu/shared/domain/project'
import { LIGHT_LABEL, LIGHT_RULE_LABEL, LIGHT_RULES, type LightRule } from '@guatu/shared/progress/lights'
import { LightCounts } from '../lights/LightCounts.tsx'
import { useBoardLightCounts } from '../lights/useBoardLightCounts.ts'
import { useWarnings } from './useWarnings.ts'
import '../app/reportPage.css'

const byName = new Intl.Collator('zh-CN').compare

/** 预警清单: every fired rule, worst and oldest first, narrowed by rule and unit; a row opens its project. */
export const WarningsPage = memo(function WarningsPage({ onOpenProject }: { onOpenProject: (id: ProjectId) => void }) {
  const warnings = useWarnings()
  const counts = useBoardLightCounts()
  const [rule, setRule] = useState<LightRule | ''>('')
  const [unit, setUnit] = useState('')
  const units = useMemo(() => [...new Set(warnings.map((warning) => warning.unit))].sort(byName), [warnings])
  const shown = useMemo(
    () => warnings.filter((warning) => (rule === '' || warning.rule === rule) && (unit === '' || warning.unit === unit)),
    [warnings, rule, unit],
  )
  return (
    <div className="report-page" data-testid="warnings-page">
      <header className="report-header">
        <h2>预警清单</h2>
        <p className="report-facts">
          <span>
            项目 <LightCounts counts={counts} testId="warnings-light-counts" />
          </span>
          <span data-testid="warnings-count" data-value={shown.length}>
            共 {shown.length} 条预警
          </span>
        </p>
      </header>
      <div className="filter-bar" role="search" aria-label="筛选预警">
        <ChoiceFilter
          label="预警规则"
          value={rule}
          options={LIGHT_RULES}
          labelOf={(value) => LIGHT_RULE_LABEL[value]}
          onChange={setRule}
          testId="warnings-filter-rule"
        />
        <ChoiceFilter label="责任单位" value={unit} options={units} onChange={setUnit} testId="warnings-filter-unit" />
      </div>
      {shown.length === 0 ? (
        <p className="column-empty">没有符合条件的预警。</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table warnings-table">
            <thead>
              <tr>
                <th scope="col">预警</th>
                <th scope="col">规则</th>
                <th scope="col">项目名称</th>
                <th scope="col">责任单位</th>
                <th scope="col">包抓领导</th>
                <th scope="col">原因</th>
                <th scope="col">持续天数</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((warning) => {
                const open = () => onOpenProject(warning.projectId)
                return (
                  <tr
                    key={`${warning.projectId}-${warning.rule}`}
                    className={`warning-row light-row-${warning.light}`}
                    data-testid="warning-row"
                    data-light={warning.light}
                    data-rule={warning.rule}
                    tabIndex={0}
                    onClick={open}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter') open()
                    }}
                    aria-label={`${LIGHT_LABEL[warning.light]}灯，${warning.projectName}：${warning.reason}，按回车打开项目`}
                  >
                    <td>
                      <span className={`light-badge light-${warning.light}`}>
                        <span className="light-dot" aria-hidden="true" />
                        {LIGHT_LABEL[warning.light]}灯
                      </span>
                    </td>
                    <td>{LIGHT_RULE_LABEL[warning.rule]}</td>
                    <td className="cell-name">{warning.projectName}</td>
                    <td>{warning.unit}</td>
                    <td>{warning.leaders.join('、') || '—'}</td>
                    <td>{warning.reason}</td>
                    <td>{warning.ageDays > 0 ? `${warning.ageDays} 天` : '—'}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
})
