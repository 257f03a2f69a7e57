import { memo, useState, type FormEvent } from 'react'
import { readReportingSettings, writeReportingSettings } from '@guatu/shared/board/boardSettingsAccess'
import { PROJECT_FIELD_LABEL } from '@guatu/shared/domain/projectFieldLabels'
import {
  CADENCE_LABEL,
  Cadence,
  DEFAULT_REPORTING_RANKING_WEIGHTS,
  DEFAULT_REPORTING_SETTINGS,
  REVIEWABLE_FIELDS,
  deadlineRuleText,
  type ReportingSettings,
  type ReviewableField,
} from '@guatu/shared/domain/reportingPeriod'
import { useBoardConnection } from '../sync/useBoardConnection.ts'

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日']

function FieldChoices({ legend, chosen, onChange }: { legend: string; chosen: readonly ReviewableField[]; onChange: (fields: ReviewableField[]) => void }) {
  return (
    <fieldset className="reporting-fields">
      <legend>{legend}</legend>
      {REVIEWABLE_FIELDS.map((field) => (
        <label key={field}>
          <input
            type="checkbox"
            checked={chosen.includes(field)}
            onChange={(event) => onChange(event.target.checked ? [...chosen, field] : chosen.filter((item) => item !== field))}
          />
          {field === 'stage' ? '阶段移动' : PROJECT_FIELD_LABEL[field]}
        </label>
      ))}
    </fieldset>
  )
}

/**
 * The office's rules for the reporting cycle: cadence and deadline, what units report, what goes
 * through review, and what the weekly ranking deducts for late reports and returns. Written as one
 * whole value; the server checks it is the office and that the value is valid.
 */
export const ReportingSettingsForm = memo(function ReportingSettingsForm({ onMessage }: { onMessage: (message: string) => void }) {
  const { doc } = useBoardConnection()
  const [draft, setDraft] = useState<ReportingSettings>(() => readReportingSettings(doc) ?? DEFAULT_REPORTING_SETTINGS)
  const weights = draft.rankingWeights ?? DEFAULT_REPORTING_RANKING_WEIGHTS
  const set = (patch: Partial<ReportingSettings>) => setDraft((current) => ({ ...current, ...patch }))
  const save = (event: FormEvent) => {
    event.preventDefault()
    try {
      writeReportingSettings(doc, draft)
      onMessage(`已保存报送规则：${deadlineRuleText(draft)}`)
    } catch (error) {
      onMessage(error instanceof Error ? error.message : '报送规则无效')
    }
  }
  const turnOff = () => {
    try {
      writeReportingSettings(doc, { ...draft, enabled: false })
      onMessage('已停用报送审核：责任单位的修改直接生效')
    } catch (error) {
      onMessage(error instanceof Error ? error.message : '操作失败')
    }
  }
  return (
    <details className="reporting-settings">
      <summary>报送规则</summary>
      <form onSubmit={save} aria-label="报送规则">
        <label>
          报送周期
          <select
            value={draft.cadence}
            onChange={(event) => {
              const cadence = event.target.value as Cadence
              set({ cadence, deadlineDay: cadence === Cadence.weekly ? Math.min(draft.deadlineDay, 5) : draft.deadlineDay })
            }}
          >
            {[Cadence.monthly, Cadence.weekly].map((cadence) => (
              <option key={cadence} value={cadence}>
                {CADENCE_LABEL[cadence]}
              </option>
            ))}
          </select>
        </label>
        {draft.cadence === Cadence.monthly ? (
          <label>
            每月截止日
            <input type="number" min={1} max={28} value={draft.deadlineDay} onChange={(event) => set({ deadlineDay: Number(event.target.value) })} />
          </label>
        ) : (
          <label>
            每周截止
            <select value={draft.deadlineDay} onChange={(event) => set({ deadlineDay: Number(event.target.value) })}>
              {WEEKDAYS.map((day, index) => (
                <option key={day} value={index + 1}>
                  {day}
                </option>
              ))}
            </select>
          </label>
        )}
        <FieldChoices legend="每期报送" chosen={draft.reportedFields} onChange={(reportedFields) => set({ reportedFields })} />
        <FieldChoices legend="责任单位修改须审核" chosen={draft.reviewedFields} onChange={(reviewedFields) => set({ reviewedFields })} />
        <fieldset className="reporting-weights">
          <legend>排名扣分（一周一晾晒）</legend>
          <label>
            每期迟报或未报
            <input
              type="number"
              min={0}
              max={20}
              step={0.5}
              value={weights.perLatePeriod}
              onChange={(event) => set({ rankingWeights: { ...weights, perLatePeriod: Number(event.target.value) } })}
            />
            分
          </label>
          <label>
            每次退回
            <input
              type="number"
              min={0}
              max={20}
              step={0.5}
              value={weights.perReturn}
              onChange={(event) => set({ rankingWeights: { ...weights, perReturn: Number(event.target.value) } })}
            />
            分
          </label>
        </fieldset>
        <div className="reporting-actions">
          <button type="submit" className="primary">
            保存报送规则
          </button>
          <button type="button" onClick={turnOff}>
            停用报送审核
          </button>
        </div>
      </form>
    </details>
  )
})
