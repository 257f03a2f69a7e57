import { memo } from 'react'
import type { SettingsDraft, SettingsErrors } from './settingsDraft.ts'
import { SettingInput } from './SettingInput.tsx'

type Thresholds = SettingsDraft['thresholds']

/** 预警阈值: schedule 蓝/黄/红 days past a planned node, investment 黄/红 points below 序时进度, 入库 黄/红 months. */
export const ThresholdsFieldset = memo(function ThresholdsFieldset({
  draft,
  errors,
  onChange,
}: {
  draft: SettingsDraft
  errors: SettingsErrors
  onChange: (patch: Partial<SettingsDraft>) => void
}) {
  const t = draft.thresholds
  const set = <K extends keyof Thresholds>(group: K, patch: Partial<Thresholds[K]>) => onChange({ thresholds: { ...t, [group]: { ...t[group], ...patch } } })
  const groupError = (group: keyof Thresholds) => errors.get(`thresholds.${group}`)
  const fieldError = (group: keyof Thresholds, field: string) => errors.get(`thresholds.${group}.${field}`)
  return (
    <fieldset className="settings-group">
      <legend>预警阈值</legend>
      <div className="settings-grid">
        <div role="group" aria-label="进度预警" className="settings-stage">
          <h4>进度（计划节点已过天数）</h4>
          <SettingInput
            label="蓝灯"
            unit="天"
            value={t.schedule.blueAfterDays}
            onChange={(v) => set('schedule', { blueAfterDays: v })}
            error={fieldError('schedule', 'blueAfterDays')}
            testId="settings-schedule-blue"
          />
          <SettingInput
            label="黄灯"
            unit="天"
            value={t.schedule.yellowAfterDays}
            onChange={(v) => set('schedule', { yellowAfterDays: v })}
            error={fieldError('schedule', 'yellowAfterDays')}
            testId="settings-schedule-yellow"
          />
          <SettingInput
            label="红灯"
            unit="天"
            value={t.schedule.redAfterDays}
            onChange={(v) => set('schedule', { redAfterDays: v })}
            error={fieldError('schedule', 'redAfterDays')}
            testId="settings-schedule-red"
          />
          {groupError('schedule') && (
            <p className="field-error" role="alert">
              {groupError('schedule')}
            </p>
          )}
        </div>
        <div role="group" aria-label="投资预警" className="settings-stage">
          <h4>投资（低于序时进度百分点）</h4>
          <SettingInput
            label="黄灯（达到）"
            unit="个百分点"
            value={t.investment.yellowBelowPoints}
            onChange={(v) => set('investment', { yellowBelowPoints: v })}
            error={fieldError('investment', 'yellowBelowPoints')}
            testId="settings-investment-yellow"
          />
          <SettingInput
            label="红灯（超过）"
            unit="个百分点"
            value={t.investment.redBelowPoints}
            onChange={(v) => set('investment', { redBelowPoints: v })}
            error={fieldError('investment', 'redBelowPoints')}
            testId="settings-investment-red"
          />
          {groupError('investment') && (
            <p className="field-error" role="alert">
              {groupError('investment')}
            </p>
          )}
        </div>
        <div role="group" aria-label="入库预警" className="settings-stage">
          <h4>入库（开工后未入库月数）</h4>
          <SettingInput
            label="黄灯"
            unit="个月"
            value={t.registration.yellowAfterMonths}
            onChange={(v) => set('registration', { yellowAfterMonths: v })}
            error={fieldError('registration', 'yellowAfterMonths')}
            testId="settings-registration-yellow"
          />
          <SettingInput
            label="红灯"
            unit="个月"
            value={t.registration.redAfterMonths}
            onChange={(v) => set('registration', { redAfterMonths: v })}
            error={fieldError('registration', 'redAfterMonths')}
            testId="settings-registration-red"
          />
          {groupError('registration') && (
            <p className="field-error" role="alert">
              {groupError('registration')}
            </p>
          )}
        </div>
      </div>
    </fieldset>
  )
})
