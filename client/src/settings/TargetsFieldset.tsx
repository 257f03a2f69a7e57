import { memo } from 'react'
import { STAGE_LABEL } from '@guatu/shared/domain/stage'
import { PROGRESS_STAGES, type ProgressStage } from '@guatu/shared/progress/stageEntry'
import type { SettingsDraft, SettingsErrors, StageTargetDraft } from './settingsDraft.ts'
import { SettingInput } from './SettingInput.tsx'
import { yiHint } from './yiHint.ts'

/** 年度目标 per stage (项目数, 亿元以上项目数, 投资额) and the year's investment to complete. Empty = no target. */
export const TargetsFieldset = memo(function TargetsFieldset({
  draft,
  errors,
  onChange,
}: {
  draft: SettingsDraft
  errors: SettingsErrors
  onChange: (patch: Partial<SettingsDraft>) => void
}) {
  const setTarget = (stage: ProgressStage, patch: Partial<StageTargetDraft>) =>
    onChange({ targets: { ...draft.targets, [stage]: { ...draft.targets[stage], ...patch } } })
  return (
    <fieldset className="settings-group">
      <legend>年度目标（留空表示不设目标）</legend>
      <div className="settings-grid">
        {PROGRESS_STAGES.map((stage) => {
          const target = draft.targets[stage]
          const label = STAGE_LABEL[stage]
          return (
            <div key={stage} className={`settings-stage stage-${stage}`} role="group" aria-label={`${label}目标`}>
              <h4>{label}</h4>
              <SettingInput
                label={`${label}项目数`}
                unit="个"
                value={target.count}
                onChange={(count) => setTarget(stage, { count })}
                error={errors.get(`targets.${stage}.count`)}
                testId={`settings-${stage}-count`}
              />
              <SettingInput
                label={`其中亿元以上项目数`}
                unit="个"
                value={target.countAtLeastYi}
                onChange={(countAtLeastYi) => setTarget(stage, { countAtLeastYi })}
                error={errors.get(`targets.${stage}.countAtLeastYi`)}
                testId={`settings-${stage}-count-yi`}
              />
              <SettingInput
                label={`${label}项目总投资`}
                unit="万元"
                value={target.investmentWan}
                onChange={(investmentWan) => setTarget(stage, { investmentWan })}
                error={errors.get(`targets.${stage}.investmentWan`)}
                hint={yiHint(target.investmentWan)}
                testId={`settings-${stage}-investment`}
              />
            </div>
          )
        })}
      </div>
      <SettingInput
        label="年度投资目标（完成投资）"
        unit="万元"
        value={draft.investmentToCompleteWan}
        onChange={(investmentToCompleteWan) => onChange({ investmentToCompleteWan })}
        error={errors.get('investmentToCompleteWan')}
        hint={yiHint(draft.investmentToCompleteWan)}
        testId="settings-investment-to-complete"
      />
    </fieldset>
  )
})
