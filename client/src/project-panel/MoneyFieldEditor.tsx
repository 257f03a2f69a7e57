import { memo, useCallback, useState } from 'react'
import { FigureAuthor } from '@guatu/shared/board/figureCommands'
import type { FigureConcern, MoneyField } from '@guatu/shared/domain/figureCheck'
import { formatYi, isWanAmount, wanToCents } from '@guatu/shared/domain/money'
import { TextFieldEditor } from './TextFieldEditor.tsx'
import { moneyText } from './textCodecs.ts'
import type { useProjectCommands } from './useProjectCommands.ts'

/** Shows the amount typed in 万元 as 亿元 too, since totals on the board are read in 亿元. */
function yiHint(parsed: unknown): string | undefined {
  return isWanAmount(parsed) ? `合 ${formatYi(wanToCents(parsed), 4)} 亿元` : '单位：万元'
}

const NEEDS_CONFIRMATION = '数字异常，请核对后确认或修改'

/**
 * A 万元 figure with the plausibility check (shared/domain/figureCheck): a figure that looks wrong
 * is held back with the reasons until the person confirms it. A department's confirmed figure is
 * marked 待项目办确认 and counts nowhere until the 项目办 confirms it here.
 */
export const MoneyFieldEditor = memo(function MoneyFieldEditor({
  inputId,
  field,
  label,
  value,
  unconfirmed,
  commands,
}: {
  inputId: string
  field: MoneyField
  label: string
  value: unknown
  unconfirmed: boolean
  commands: ReturnType<typeof useProjectCommands>
}) {
  const [pending, setPending] = useState<{ value: string; concerns: readonly FigureConcern[] } | null>(null)
  // Remounting the text box drops its draft once a confirmed figure is saved.
  const [generation, setGeneration] = useState(0)
  const [error, setError] = useState<string | undefined>()
  const office = commands.author === FigureAuthor.office

  const commit = useCallback(
    (next: unknown) => {
      const result = commands.setFigure(field, String(next), false)
      if (typeof result === 'string') return result
      if (result.status === 'needsConfirmation') {
        setPending({ value: String(next), concerns: result.concerns })
        return NEEDS_CONFIRMATION
      }
      setPending(null)
      return undefined
    },
    [commands, field],
  )
  const confirm = () => {
    if (!pending) return
    const result = commands.setFigure(field, pending.value, true)
    if (typeof result === 'string') return setError(result)
    setPending(null)
    setError(undefined)
    setGeneration((current) => current + 1)
  }
  const cancel = () => {
    setPending(null)
    document.getElementById(inputId)?.focus()
  }
  const confirmStored = () => setError(commands.confirmFigure(field))
  const hold = () => setError(commands.holdFigure(field))

  return (
    <div className="money-field" data-unconfirmed={unconfirmed || undefined}>
      <TextFieldEditor
        key={generation}
        inputId={inputId}
        field={field}
        label={label}
        value={value}
        codec={moneyText}
        inputMode="decimal"
        hintFor={yiHint}
        commit={commit}
      />
      {pending && (
        <div className="figure-confirm" role="alertdialog" aria-labelledby={`${inputId}-confirm-title`} data-testid="figure-confirm">
          <p id={`${inputId}-confirm-title`} className="figure-confirm-title">
            请确认{label} {pending.value} 万元：
          </p>
          <ul>
            {pending.concerns.map((concern) => (
              <li key={concern.kind}>{concern.message}</li>
            ))}
          </ul>
          <p className="figure-confirm-effect">
            {office ? '确认后按此数字计入统计。' : '仍要保存的，该数字将标记为“待项目办确认”，确认前不计入看板合计、大屏和排名。'}
          </p>
          <div className="figure-confirm-actions">
            <button type="button" onClick={cancel}>
              返回修改
            </button>
            <button type="button" className="danger-button" onClick={confirm} data-testid="figure-confirm-save">
              {office ? '确认无误，保存' : '确认无误，提交项目办确认'}
            </button>
          </div>
        </div>
      )}
      {unconfirmed && !pending && (
        <p className="figure-unconfirmed" data-testid="figure-unconfirmed">
          待项目办确认：暂不计入合计、大屏和排名
          {office && (
            <button type="button" onClick={confirmStored} data-testid="figure-confirm-stored">
              确认此数字
            </button>
          )}
        </p>
      )}
      {office && !unconfirmed && !pending && (
        <button type="button" className="figure-hold" onClick={hold} data-testid="figure-hold">
          暂不计入（待核实）
        </button>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
})
