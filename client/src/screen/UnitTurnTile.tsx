import { memo, type ReactNode } from 'react'
import { formatYi } from '@guatu/shared/domain/money'
import { fitText } from './fitText.ts'
import { ScreenTile } from './ScreenTile.tsx'
import type { TurnSide } from './unitTurnFigures.ts'

const UNIT_MAX_EM = 7

function Row({ label, unit, board, testId }: { label: string; unit: ReactNode; board: ReactNode; testId: string }) {
  return (
    <div className="sw-turn-row" data-testid={testId}>
      <span className="sw-turn-label">{label}</span>
      <span className="sw-turn-unit" data-testid={`${testId}-unit`}>
        {unit}
      </span>
      <span className="sw-turn-board">{board}</span>
    </div>
  )
}

const entries = (side: TurnSide) => {
  const e = side.progress?.entries
  return e ? `${e.signed.count} / ${e.started.count} / ${e.producing.count}` : '0 / 0 / 0'
}
const current = (side: TurnSide) => `${side.current.signed} / ${side.current.started} / ${side.current.producing}`
const investment = (side: TurnSide) => {
  const completion = side.progress?.investment
  if (!completion) return '—'
  return `${formatYi(completion.done)}亿元`
}
const problemsAndDecisions = (side: TurnSide) => `${side.openProblems}（${side.overdueProblems}）· ${side.decisions}`
const lights = (side: TurnSide) => `${side.progress?.lights.red ?? 0} / ${side.progress?.lights.yellow ?? 0}`

/**
 * While a unit reports, its own figures beside the board's: the same measures, the same
 * computation as the progress page, each row saying what it counts.
 */
export const UnitTurnTile = memo(function UnitTurnTile({ unit, mine, all }: { unit: string; mine: TurnSide; all: TurnSide }) {
  return (
    <ScreenTile title={`正在汇报 · ${fitText(unit, UNIT_MAX_EM)}`} className="sw-tile-turn" aside={<span className="sw-tile-note">本单位 | 全区</span>}>
      <div className="sw-turn" data-testid="screen-unit-turn" data-unit={unit}>
        <Row label="项目（个）" unit={mine.progress?.projectCount ?? 0} board={all.progress?.projectCount ?? 0} testId="screen-turn-projects" />
        <Row label="当前在 签约/开工/投产" unit={current(mine)} board={current(all)} testId="screen-turn-current" />
        <Row label="年内新增 签约/开工/投产" unit={entries(mine)} board={entries(all)} testId="screen-turn-entries" />
        <Row label="已完成投资" unit={investment(mine)} board={investment(all)} testId="screen-turn-investment" />
        <Row label="红灯/黄灯 项目" unit={lights(mine)} board={lights(all)} testId="screen-turn-lights" />
        <Row label="问题（逾期）· 确定事项" unit={problemsAndDecisions(mine)} board={problemsAndDecisions(all)} testId="screen-turn-problems" />
      </div>
    </ScreenTile>
  )
})
