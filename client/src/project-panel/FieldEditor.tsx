import { memo, useCallback, useMemo } from 'react'
import { isMoneyField, type MoneyField } from '@guatu/shared/domain/figureCheck'
import { STAGES, STAGE_LABEL, isStage } from '@guatu/shared/domain/stage'
import { actualDateRange } from '@guatu/shared/progress/boardToday'
import { useBoardSettings } from '../sync/useBoardSettings.ts'
import { BooleanFieldEditor } from './BooleanFieldEditor.tsx'
import { ChoiceFieldEditor } from './ChoiceFieldEditor.tsx'
import { MoneyFieldEditor } from './MoneyFieldEditor.tsx'
import { FIELD_DEFS, type EditableField } from './fieldDefs.ts'
import { TextFieldEditor } from './TextFieldEditor.tsx'
import { dateText, leadersText, moneyText, plainText, projectCodeText, seqText } from './textCodecs.ts'
import type { useProjectCommands } from './useProjectCommands.ts'

const STAGE_OPTIONS = STAGES.map((value) => ({ value, label: STAGE_LABEL[value] }))
const ACTUAL_DATE_FIELDS: ReadonlySet<string> = new Set(['actualSignDate', 'actualStartDate', 'actualProduceDate'])

/** Picks the editor for one field of the record. */
export const FieldEditor = memo(function FieldEditor({
  field,
  value,
  commands,
  idPrefix,
  unitOptions,
  unconfirmed,
}: {
  field: EditableField
  value: unknown
  commands: ReturnType<typeof useProjectCommands>
  idPrefix: string
  /** The 责任单位 a unit's editor may choose from; undefined when any unit may be typed. */
  unitOptions?: readonly string[] | undefined
  /** Money fields awaiting the 项目办's confirmation (project.unconfirmedFigures). */
  unconfirmed?: readonly MoneyField[] | undefined
}) {
  const { label, editor, hint } = FIELD_DEFS[field]
  const inputId = `${idPrefix}-${field}`
  const settings = useBoardSettings()
  const commit = useCallback(
    (next: unknown) => {
      if (field === 'stage') return undefined
      // A correction of an actual date may go back years (续建), never past the board's 今天.
      if (ACTUAL_DATE_FIELDS.has(field) && typeof next === 'string' && next !== '') {
        const { max } = actualDateRange(settings)
        if (next > max) return `实际日期不能晚于${settings.asOf ? '统计截止日期' : '今天'} ${max}`
      }
      return commands.update(field, next)
    },
    [commands, field, settings],
  )
  const moveTo = useCallback((stage: string) => (isStage(stage) ? commands.moveToStage(stage) : '当前阶段无效'), [commands])
  const common = { inputId, field, label, value, commit }
  const unitSelect = useMemo(() => {
    if (field !== 'unit' || !unitOptions) return undefined
    const current = String(value)
    // A read-only project of another unit still shows its own unit.
    const values = unitOptions.includes(current) ? unitOptions : [current, ...unitOptions]
    return values.map((unit) => ({ value: unit, label: unit }))
  }, [field, unitOptions, value])
  if (unitSelect) {
    return <ChoiceFieldEditor inputId={inputId} label={label} value={String(value)} options={unitSelect} commit={commit} />
  }

  switch (editor.kind) {
    case 'text':
      return <TextFieldEditor {...common} codec={plainText} multiline={editor.multiline} inputMode={editor.inputMode} />
    case 'money':
      return isMoneyField(field) ? (
        <MoneyFieldEditor inputId={inputId} field={field} label={label} value={value} unconfirmed={unconfirmed?.includes(field) ?? false} commands={commands} />
      ) : null
    case 'amount':
      return <TextFieldEditor {...common} codec={moneyText} inputMode="decimal" hintFor={hint === undefined ? undefined : () => hint} />
    case 'code':
      return <TextFieldEditor {...common} codec={projectCodeText} hintFor={hint === undefined ? undefined : () => hint} />
    case 'date':
      return <TextFieldEditor {...common} codec={dateText} type="date" hintFor={hint === undefined ? undefined : () => hint} />
    case 'leaders':
      return <TextFieldEditor {...common} codec={leadersText} placeholder="如：张三、李四" hintFor={() => '多位领导用“、”或逗号分隔'} />
    case 'seq':
      return <TextFieldEditor {...common} codec={seqText} inputMode="numeric" />
    case 'boolean':
      return <BooleanFieldEditor inputId={inputId} label={label} value={typeof value === 'boolean' ? value : undefined} commit={commit} />
    case 'select':
      return (
        <ChoiceFieldEditor
          inputId={inputId}
          label={label}
          value={value === undefined ? '' : String(value)}
          options={value === undefined && editor.unsetLabel ? [{ value: '', label: editor.unsetLabel }, ...editor.options] : editor.options}
          commit={commit}
        />
      )
    case 'stage':
      return <ChoiceFieldEditor inputId={inputId} label={label} value={String(value)} options={STAGE_OPTIONS} commit={moveTo} />
  }
})
