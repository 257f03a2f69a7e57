import { useState } from 'react'
import { isIsoDate } from '@guatu/shared/domain/dates'
import type { Project } from '@guatu/shared/domain/project'
import { STAGE_LABEL } from '@guatu/shared/domain/stage'
import { ACTUAL_DATE_FIELD, nextStage } from '@guatu/shared/progress/stageEntry'
import { actualDateRange } from '@guatu/shared/progress/boardToday'
import type { useProjectCommands } from '../project-panel/useProjectCommands.ts'
import { useBoardSettings } from '../sync/useBoardSettings.ts'

/**
 * Moving a project on a phone: not a drag but a menu with the next stage its kind allows (政府投资
 * skips 签约) and the day it entered that stage, which defaults to the board's 今天.
 */
export function PhoneStageMenu({ project, commands }: { project: Project; commands: ReturnType<typeof useProjectCommands> }) {
  const settings = useBoardSettings()
  const { max } = actualDateRange(settings)
  const next = nextStage(project.stage, project.governmentFunded ?? false)
  const [date, setDate] = useState<string>(max)
  const [error, setError] = useState<string | undefined>()
  if (!next) return <p className="phone-note">已投产：项目已在最后阶段。</p>
  const move = () => {
    if (!isIsoDate(date) || date > max) return setError(`请选择不晚于 ${max} 的日期`)
    const problem = commands.moveToStage(next) ?? commands.update(ACTUAL_DATE_FIELD[next], date)
    setError(problem)
  }
  return (
    <div className="phone-stage" data-testid="phone-stage-menu">
      <p className="phone-note">
        当前阶段：<strong>{STAGE_LABEL[project.stage]}</strong>
      </p>
      <label className="phone-label" htmlFor={`stage-date-${project.id}`}>
        {STAGE_LABEL[next]}日期
      </label>
      <input id={`stage-date-${project.id}`} type="date" value={date} max={max} onChange={(event) => setDate(event.target.value)} />
      <button type="button" className="phone-button phone-primary" onClick={move}>
        进入「{STAGE_LABEL[next]}」
      </button>
      {error && (
        <p className="phone-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
