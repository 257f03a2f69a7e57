import { BOARD_CHANGE_LABEL, DECISION_OUTCOME_LABEL, type BoardComparison } from '../api/lookback.ts'

/** The 回头看 of a comparison as lines of text, as the minutes (web page and Word) print it. */
export function lookbackLines(comparison: BoardComparison): string[] {
  const lines: string[] = []
  for (const unit of comparison.units) {
    for (const change of unit.changes) lines.push(`${unit.unit}·${change.projectName}（${BOARD_CHANGE_LABEL[change.kind]}）${change.summary}`)
  }
  if (lines.length === 0) lines.push('上次会议以来看板没有变化。')
  for (const decision of comparison.decisions) {
    lines.push(
      `上次会议确定事项「${decision.content}」（${decision.projectName}，${decision.assignee}，时限${decision.deadline}）：${DECISION_OUTCOME_LABEL[decision.outcome]}`,
    )
  }
  return lines
}
