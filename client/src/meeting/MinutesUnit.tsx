import { memo } from 'react'
import { formatChineseDate, isIsoDate } from '@guatu/shared/domain/dates'
import type { MinutesDecision, MinutesItem, UnitMinutes } from '@guatu/shared/domain/minutes'

const time = new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' })

export const deadlineText = (deadline: string) => (isIsoDate(deadline) ? formatChineseDate(deadline) : deadline)

function ItemList({ title, items, testId }: { title: string; items: readonly MinutesItem[]; testId: string }) {
  if (items.length === 0) return null
  return (
    <>
      <h4>{title}</h4>
      <ul className="minutes-items">
        {items.map((item, index) => (
          <li key={`${item.at}-${index}`} data-testid={testId}>
            <span className="minutes-time">{time.format(new Date(item.at))}</span> {item.projectName}：{item.summary}
            <span className="minutes-actor">（{item.actor}）</span>
          </li>
        ))}
      </ul>
    </>
  )
}

export function DecisionLine({ decision }: { decision: MinutesDecision }) {
  return (
    <>
      {decision.projectName}：{decision.content}{'　'}<strong>交办单位：{decision.assignee}</strong>{'　'}<strong>时限：{deadlineText(decision.deadline)}</strong>
    </>
  )
}

/** One unit's part of the minutes, in agenda order: what changed, what was decided, problems and 督办单. */
export const MinutesUnit = memo(function MinutesUnit({ unit, index }: { unit: UnitMinutes; index: number }) {
  const empty = unit.changes.length + unit.decisions.length + unit.problemsRaised.length + unit.problemsSolved.length + unit.noticesIssued.length === 0
  return (
    <section className="minutes-unit" data-testid={`minutes-unit-${unit.unit}`}>
      <h3>
        {index + 1}. {unit.unit}
        {!unit.reported && <span className="minutes-note">（未汇报）</span>}
      </h3>
      {empty && <p className="minutes-none">会议期间无变化。</p>}
      <ItemList title="项目变化" items={unit.changes} testId="minutes-change" />
      {unit.decisions.length > 0 && (
        <>
          <h4>确定事项</h4>
          <ul className="minutes-items">
            {unit.decisions.map((decision, i) => (
              <li key={i} data-testid="minutes-unit-decision">
                <DecisionLine decision={decision} />
              </li>
            ))}
          </ul>
        </>
      )}
      <ItemList title="新增问题" items={unit.problemsRaised} testId="minutes-raised" />
      <ItemList title="解决问题（销号）" items={unit.problemsSolved} testId="minutes-solved" />
      <ItemList title="下发督办单" items={unit.noticesIssued} testId="minutes-notice" />
    </section>
  )
})
