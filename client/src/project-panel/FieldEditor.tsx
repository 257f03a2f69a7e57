import { memo, useCallback, useMemo } from 'react'
import { formatYi, isWanAmount, wanToCents } from '@guatu/shared/domain/money'
import { STAGES, STAGE_LABEL, isStage } from '@guatu/shared/domain/stage'
import { BooleanFieldEditor } from './BooleanFieldEditor.tsx'
import { ChoiceFieldEditor } from './ChoiceFieldEditor.tsx'
import { FIELD_DEFS, type EditableField } from './fieldDefs.ts'
import { TextFieldEditor } from './TextFieldEditor.tsx'
import { dateText, leadersText, moneyText, plainText, seqText } from './textCodecs.ts'
import type { useProjectCommands } from './useProjectCommands.ts'

const STAGE_OPTIONS = STAGES.map((value) => ({ value, label: STAGE_LABEL[value] }))

/** Shows the amount typed in 万元 as 亿元 too, since totals on the board are read in 亿元. */
function yiHint(parsed: unknown): string | undefined {
  return isWanAmount(parsed) ? `合 ${formatYi(wanToCents(parsed), 4)} 亿元` : '单位：万元'
}

/** Picks the editor for one field of the record. */
export const FieldEditor = memo(function FieldEditor({
  field,
  value,
  commands,
  idPrefix,
  unitOptions,
}: {
  field: EditableField
  value: unknown
  commands: ReturnType<typeof useProjectCommands>
  idPrefix: string
  /** The 责任单位 a unit's editor may choose from; undefined when any unit may be typed. */
  unitOptions?: readonly string[] | undefined
}) {
  const { label, editor, hint } = FIELD_DEFS[field]
  const inputId = `${idPrefix}-${field}`
  const commit = useCallback(
    (next: unknown) => (field === 'stage' ? undefined : commands.update(field, next)),
    [commands, field],
  )
  const moveTo = useCallback(
    (stage: string) => (isStage(stage) ? commands.moveToStage(stage) : '当前阶段无效'),
    [commands],
  )
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
      return (
        <TextFieldEditor
          {...common}
          codec={plainText}
          multiline={editor.multiline}
          inputMode={editor.inputMode}
        />
      )
    case 'money':
      return <TextFieldEditor {...common} codec={moneyText} inputMode="decimal" hintFor={yiHint} />
    case 'date':
      return <TextFieldEditor {...common} codec={dateText} type="date" hintFor={hint === undefined ? undefined : () => hint} />
    case 'leaders':
      return (
        <TextFieldEditor
          {...common}
          codec={leadersText}
          placeholder="如：张三、李四"
          hintFor={() => '多位领导用“、”或逗号分隔'}
        />
      )
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
