import { memo, useState } from 'react'
import { isIsoDate } from '@guatu/shared/domain/dates'
import type { MeetingId } from '@guatu/shared/domain/meeting'
import type { Project } from '@guatu/shared/domain/project'
import { useMeetingCommands } from './useMeetingCommands.ts'

/** 记录确定事项 (project office, during a meeting): what, 交办单位 (the project's unit by default) and 时限. */
export const RecordDecisionForm = memo(function RecordDecisionForm({ meetingId, project }: { meetingId: MeetingId; project: Project }) {
  const commands = useMeetingCommands()
  const [content, setContent] = useState('')
  const [assignee, setAssignee] = useState(project.unit)
  const [deadline, setDeadline] = useState('')
  const [error, setError] = useState<string | undefined>()
  // Not a <form>: the panel around it already is one, and forms cannot nest.
  const submit = () => {
    if (!content.trim()) return setError('事项内容不能为空')
    if (!assignee.trim()) return setError('交办单位不能为空')
    if (!isIsoDate(deadline)) return setError('请填写完成时限（如 2022-09-30）')
    const result = commands.recordDecision({ meetingId, projectId: project.id, content: content.trim(), assignee: assignee.trim(), deadline })
    if (!result.ok) return setError(result.message)
    setError(undefined)
    setContent('')
    setDeadline('')
  }
  return (
    <div className="record-decision" role="group" aria-label="记录确定事项" data-testid="decision-form">
      <label className="decision-content-field">
        事项内容
        <textarea rows={2} value={content} onChange={(event) => setContent(event.target.value)} data-testid="decision-content" />
      </label>
      <label>
        交办单位
        <input value={assignee} onChange={(event) => setAssignee(event.target.value)} maxLength={50} data-testid="decision-assignee" />
      </label>
      <label>
        完成时限
        <input type="date" value={deadline} onChange={(event) => setDeadline(event.target.value)} data-testid="decision-deadline" />
      </label>
      <button type="button" className="primary-button" onClick={submit} data-testid="decision-submit">
        记录
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
})
