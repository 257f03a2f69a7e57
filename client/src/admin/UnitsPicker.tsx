import { memo, useId, useState, type KeyboardEvent } from 'react'

const MAX_UNIT_LENGTH = 50

/**
 * The 责任单位 of an account: a checkbox per unit known from the boards, and a box to add one that
 * no board names yet (a new town, a unit before its first project).
 */
export const UnitsPicker = memo(function UnitsPicker({
  known,
  value,
  onChange,
  disabled = false,
}: {
  known: readonly string[]
  value: readonly string[]
  onChange: (units: string[]) => void
  disabled?: boolean
}) {
  const id = useId()
  const [extra, setExtra] = useState('')
  const choices = [...known, ...value.filter((unit) => !known.includes(unit))]
  const toggle = (unit: string, checked: boolean) => onChange(checked ? [...value.filter((u) => u !== unit), unit] : value.filter((u) => u !== unit))
  const add = () => {
    const unit = extra.trim().slice(0, MAX_UNIT_LENGTH)
    if (!unit) return
    if (!value.includes(unit)) onChange([...value, unit])
    setExtra('')
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter adds the unit instead of submitting the surrounding form half-filled.
    if (event.key === 'Enter') {
      event.preventDefault()
      add()
    }
  }
  return (
    <fieldset className="units-picker" disabled={disabled}>
      <legend>责任单位</legend>
      {choices.length === 0 && <p className="field-hint">看板上还没有责任单位，请在下方添加。</p>}
      <div className="units-choices">
        {choices.map((unit) => (
          <label key={unit} className="unit-choice">
            <input type="checkbox" checked={value.includes(unit)} onChange={(event) => toggle(unit, event.target.checked)} />
            {unit}
          </label>
        ))}
      </div>
      <div className="unit-add">
        <label htmlFor={`${id}-extra`} className="sr-only">
          添加其他单位
        </label>
        <input id={`${id}-extra`} value={extra} placeholder="其他单位，如：某某镇" onChange={(event) => setExtra(event.target.value)} onKeyDown={onKeyDown} />
        <button type="button" onClick={add} disabled={!extra.trim()}>
          添加单位
        </button>
      </div>
    </fieldset>
  )
})
