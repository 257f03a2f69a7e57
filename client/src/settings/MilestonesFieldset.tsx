import { memo } from 'react'
import { STAGE_LABEL } from '@guatu/shared/domain/stage'
import { MILESTONE_KIND_LABEL, MilestoneKind } from '@guatu/shared/progress/boardSettings'
import { PROGRESS_STAGES, type ProgressStage } from '@guatu/shared/progress/stageEntry'
import { newMilestone, type MilestoneDraft, type SettingsDraft, type SettingsErrors } from './settingsDraft.ts'
import { SettingInput } from './SettingInput.tsx'

function isStage(value: string): value is ProgressStage {
  return (PROGRESS_STAGES as readonly string[]).includes(value)
}

/** 节点: "新建项目全部开工" by a date, and "每月签约/开工/投产 N 个（亿元以上）项目". */
export const MilestonesFieldset = memo(function MilestonesFieldset({
  draft,
  errors,
  editable,
  onChange,
}: {
  draft: SettingsDraft
  errors: SettingsErrors
  editable: boolean
  onChange: (patch: Partial<SettingsDraft>) => void
}) {
  const set = (index: number, patch: Partial<MilestoneDraft>) =>
    onChange({ milestones: draft.milestones.map((milestone, i) => (i === index ? { ...milestone, ...patch } : milestone)) })
  const remove = (index: number) => onChange({ milestones: draft.milestones.filter((_, i) => i !== index) })
  const add = (kind: MilestoneKind) => onChange({ milestones: [...draft.milestones, newMilestone(kind)] })
  const error = (index: number, field: string) => errors.get(`milestones.${index}.${field}`)
  return (
    <fieldset className="settings-group">
      <legend>节点</legend>
      {errors.get('milestones') && (
        <p className="field-error" role="alert">
          {errors.get('milestones')}
        </p>
      )}
      {draft.milestones.length === 0 && <p className="setting-hint">尚未设置节点。</p>}
      <ol className="milestone-drafts">
        {draft.milestones.map((milestone, index) => (
          <li key={milestone.id} className="milestone-draft" data-testid="settings-milestone" data-kind={milestone.kind}>
            <strong>{MILESTONE_KIND_LABEL[milestone.kind]}</strong>
            {milestone.kind === MilestoneKind.allNewStartedBy ? (
              <SettingInput
                label="截止日期"
                type="date"
                value={milestone.deadline}
                onChange={(deadline) => set(index, { deadline })}
                error={error(index, 'deadline')}
              />
            ) : (
              <>
                <label className="setting-field">
                  每月
                  <select value={milestone.stage} onChange={(event) => isStage(event.target.value) && set(index, { stage: event.target.value })}>
                    {PROGRESS_STAGES.map((stage) => (
                      <option key={stage} value={stage}>
                        {STAGE_LABEL[stage]}
                      </option>
                    ))}
                  </select>
                </label>
                <SettingInput
                  label="至少"
                  unit="个项目"
                  value={milestone.minCount}
                  onChange={(minCount) => set(index, { minCount })}
                  error={error(index, 'minCount')}
                />
                <label className="setting-field setting-check">
                  <input type="checkbox" checked={milestone.atLeastYi} onChange={(event) => set(index, { atLeastYi: event.target.checked })} />
                  仅计亿元以上项目
                </label>
              </>
            )}
            <SettingInput label="名称（可选）" value={milestone.label} onChange={(label) => set(index, { label })} error={error(index, 'label')} />
            {editable && (
              <button type="button" className="danger-button" onClick={() => remove(index)} aria-label={`删除节点 ${index + 1}`}>
                删除
              </button>
            )}
          </li>
        ))}
      </ol>
      {editable && (
        <div className="milestone-add">
          <button type="button" onClick={() => add(MilestoneKind.allNewStartedBy)} data-testid="settings-add-all-new">
            + 新建项目全部开工截止日期
          </button>
          <button type="button" onClick={() => add(MilestoneKind.monthlyQuota)} data-testid="settings-add-quota">
            + 每月签约/开工/投产任务
          </button>
        </div>
      )}
    </fieldset>
  )
})
