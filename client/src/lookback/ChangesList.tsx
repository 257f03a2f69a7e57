import { BOARD_CHANGE_LABEL, DECISION_OUTCOME_LABEL, type BoardComparison } from '@guatu/shared/api/lookback'
import { formatMoment } from './formatMoment.ts'

/** 变化对比 grouped by unit in reporting order, and the last meeting's 确定事项 with done/overdue. */
export function ChangesList({ comparison }: { comparison: BoardComparison }) {
  return (
    <div className="lookback-changes" data-testid="lookback-changes">
      <p className="lookback-range">
        {formatMoment(comparison.from)} → {formatMoment(comparison.to)}
        {comparison.meeting && `（自「${comparison.meeting.title}」）`}
      </p>
      {comparison.units.length === 0 && <p>这段时间看板没有变化。</p>}
      {comparison.units.map((unit) => (
        <section key={unit.unit} className="lookback-unit" data-testid="lookback-unit" data-unit={unit.unit}>
          <h4>{unit.unit}</h4>
          <ul>
            {unit.changes.map((change, index) => (
              <li key={`${change.projectId}-${change.kind}-${change.recordId ?? change.field ?? index}`} data-kind={change.kind}>
                <span className="lookback-kind">{BOARD_CHANGE_LABEL[change.kind]}</span> {change.projectName}：{change.summary}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {comparison.meeting && (
        <section className="lookback-decisions" data-testid="lookback-decisions">
          <h4>「{comparison.meeting.title}」确定事项</h4>
          {comparison.decisions.length === 0 ? (
            <p>该次会议没有确定事项。</p>
          ) : (
            <ul>
              {comparison.decisions.map((decision) => (
                <li key={decision.decisionId} data-outcome={decision.outcome}>
                  <span className={`lookback-outcome lookback-outcome-${decision.outcome}`}>{DECISION_OUTCOME_LABEL[decision.outcome]}</span>{' '}
                  {decision.projectName}：{decision.content}（{decision.assignee}，时限 {decision.deadline}）
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  )
}
