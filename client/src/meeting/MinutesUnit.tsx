import { memo, type ReactNode } from 'react'
import { chineseNumeral, UNIT_PART, UNIT_PART_LABEL, type MinutesChange, type UnitMinutes, type UnitPart } from '@guatu/shared/domain/minutes'
import { changeText, unitPartLines } from '@guatu/shared/domain/minutesText'

const BACK_PREFIX = '退回：'

/**
 * A net change, worded exactly as in Word (changeText); a 退回 is set apart so nobody reads a card
 * sent back as progress.
 */
function ChangeLine({ change }: { change: MinutesChange }) {
  const text = changeText(change)
  const at = text.indexOf(BACK_PREFIX)
  if (!change.move?.back || at < 0) return <>{text}</>
  return (
    <>
      {text.slice(0, at)}
      <strong className="minutes-back" data-testid="minutes-back">
        退回
      </strong>
      {text.slice(at + BACK_PREFIX.length - 1)}
    </>
  )
}

function partItems(unit: UnitMinutes, part: UnitPart): ReactNode[] {
  // Changes are the one part with markup (退回 set apart); every other line is Word's text.
  if (part === 'changes') return unit.changes.map((change) => <ChangeLine key={change.projectId} change={change} />)
  return unitPartLines(unit, part)
}

const PART_TEST_ID: Record<UnitPart, string> = {
  changes: 'minutes-change',
  problemsRaised: 'minutes-raised',
  problemsSolved: 'minutes-solved',
  noticesIssued: 'minutes-notice',
  decisions: 'minutes-unit-decision',
}

/** One unit's part of the minutes, numbered as in Word: （一）unit, 1.项目变化, （1）line. */
export const MinutesUnit = memo(function MinutesUnit({ unit, index }: { unit: UnitMinutes; index: number }) {
  const parts = UNIT_PART.map((part) => ({ part, items: partItems(unit, part) })).filter(({ items }) => items.length > 0)
  return (
    <section className="minutes-unit" data-testid={`minutes-unit-${unit.unit}`}>
      <h3>
        （{chineseNumeral(index + 1)}）{unit.unit}
        {!unit.reported && <span className="minutes-note">（未汇报）</span>}
      </h3>
      {parts.length === 0 && <p className="minutes-none">会议期间无变化。</p>}
      {parts.map(({ part, items }, partIndex) => (
        <div key={part} className="minutes-part">
          <h4>
            {partIndex + 1}.{UNIT_PART_LABEL[part]}
          </h4>
          <ol className="minutes-items">
            {items.map((item, i) => (
              <li key={i} data-testid={PART_TEST_ID[part]}>
                （{i + 1}）{item}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  )
})
