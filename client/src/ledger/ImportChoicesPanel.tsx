import { memo, useMemo } from 'react'
import { COLUMN_CHOICES, COLUMN_CHOICE_LABEL, isColumnChoice, type ColumnMapping } from '@guatu/shared/ledger/columnMapping'
import { COORDINATE_SYSTEM_LABEL, COORDINATE_SYSTEMS, isCoordinateSystem } from '@guatu/shared/geo/coordinateSystem'
import type { ImportOptions, ImportPreview } from '../api/ledgerApi.ts'

/**
 * What the office decides before an import: the 填报日期 dates are judged against (found in the
 * file, or typed here), which sheets to read, and what each column no rule knows holds. Each
 * change reads the file again, so the table below always shows what would be committed.
 */
export const ImportChoicesPanel = memo(function ImportChoicesPanel({
  preview,
  options,
  onChange,
  disabled,
}: {
  preview: ImportPreview
  options: ImportOptions
  onChange: (change: ImportOptions) => void
  disabled: boolean
}) {
  const ledgerSheets = preview.sheets.filter((sheet) => sheet.hasLedger)
  // One choice per header text: the same 推进情况 on every sheet is one decision.
  const unknown = useMemo(() => [...new Map(preview.unknownColumns.map((column) => [column.key, column])).values()], [preview.unknownColumns])
  const mapping: ColumnMapping = options.mapping ?? {}
  const chosenSheets = ledgerSheets.filter((sheet) => sheet.chosen).map((sheet) => sheet.name)
  return (
    <section className="import-choices" aria-label="导入设置">
      <div className="import-report-date">
        <label htmlFor="import-report-date">填报日期</label>
        <input
          id="import-report-date"
          type="date"
          data-testid="import-report-date"
          disabled={disabled}
          value={options.reportDate ?? preview.reportDate?.date ?? ''}
          onChange={(event) => onChange({ reportDate: event.target.value })}
        />
        <span className="field-hint" data-testid="import-report-date-source">
          {preview.reportDate
            ? `来源：${preview.reportDate.sourceLabel}（${preview.reportDate.text}）。实际日期不得晚于此日；“3月底”等按${preview.year}年读取`
            : '台账中未找到填报日期，请填写：实际日期将以此核对'}
        </span>
      </div>
      {preview.coordinateSystem && (
        <div className="import-report-date">
          <label htmlFor="import-coordinate-system">坐标系</label>
          <select
            id="import-coordinate-system"
            data-testid="import-coordinate-system"
            disabled={disabled}
            value={options.coordinateSystem ?? preview.coordinateSystem.system}
            onChange={(event) => {
              const system = event.target.value
              if (isCoordinateSystem(system)) onChange({ coordinateSystem: system })
            }}
          >
            {COORDINATE_SYSTEMS.map((system) => (
              <option key={system} value={system}>
                {COORDINATE_SYSTEM_LABEL[system]}
              </option>
            ))}
          </select>
          <span className="field-hint" data-testid="import-coordinate-system-source">
            {preview.coordinateSystem.source === 'default'
              ? '台账未注明坐标系，按 WGS-84/CGCS2000 读取；从高德、腾讯或百度地图复制的坐标请在此选择，将换算后导入'
              : `来源：${preview.coordinateSystem.sourceLabel}（${preview.coordinateSystem.text}）。高德、腾讯、百度坐标换算为 WGS-84 后导入，每行注明换算前后的坐标`}
          </span>
        </div>
      )}
      {ledgerSheets.length > 1 && (
        <fieldset className="import-sheets">
          <legend>工作表</legend>
          {ledgerSheets.map((sheet) => (
            <label key={sheet.name} className="checkbox-label">
              <input
                type="checkbox"
                data-testid={`import-sheet-${sheet.name}`}
                disabled={disabled || (sheet.chosen && chosenSheets.length === 1)}
                checked={sheet.chosen}
                onChange={(event) =>
                  onChange({ sheets: event.target.checked ? [...chosenSheets, sheet.name] : chosenSheets.filter((name) => name !== sheet.name) })
                }
              />
              {sheet.name}（{sheet.rows} 行）
            </label>
          ))}
        </fieldset>
      )}
      {unknown.length > 0 && (
        <fieldset className="import-mapping" data-testid="import-mapping">
          <legend>列映射：以下列无法自动识别，请选择用途（未选择的列不导入；选择会记住，下月导入沿用）</legend>
          {unknown.map((column) => {
            const value = mapping[column.key] ?? column.choice ?? ''
            return (
              <label key={column.key} className="import-mapping-row">
                <span>“{column.header}”</span>
                <select
                  data-testid={`import-mapping-${column.key}`}
                  disabled={disabled}
                  value={value}
                  onChange={(event) => {
                    const choice = event.target.value
                    if (isColumnChoice(choice)) onChange({ mapping: { ...mapping, [column.key]: choice } })
                  }}
                >
                  <option value="" disabled>
                    未选择（建议：{COLUMN_CHOICE_LABEL[column.suggestion]}）
                  </option>
                  {COLUMN_CHOICES.map((choice) => (
                    <option key={choice} value={choice}>
                      {COLUMN_CHOICE_LABEL[choice]}
                      {choice === column.suggestion ? '（建议）' : ''}
                    </option>
                  ))}
                </select>
              </label>
            )
          })}
        </fieldset>
      )}
      {preview.inferredCounts.length > 0 && (
        <p className="field-hint" data-testid="import-inferred-counts">
          推定汇总：{preview.inferredCounts.map((entry) => `${entry.field}${entry.from} ${entry.count} 个`).join('；')}
        </p>
      )}
    </section>
  )
})
