import { memo, useId, useState } from 'react'
import { isIsoDate } from '@guatu/shared/domain/dates'
import { NOTICE_LEVEL_LABEL, NOTICE_LEVELS, NoticeLevel, type NoticeLevel as Level } from '@guatu/shared/domain/notice'
import type { NoticeCommands } from './useNoticeCommands.ts'

function isLevel(value: string): value is Level {
  return (NOTICE_LEVELS as readonly string[]).includes(value)
}

/** 下发督办单 (project office): level, 督办要求 and 办理时限. Behind a button so the panel stays short. */
export const IssueNoticeForm = memo(function IssueNoticeForm({ commands }: { commands: NoticeCommands }) {
  const id = useId()
  const [open, setOpen] = useState(false)
  const [level, setLevel] = useState<Level>(NoticeLevel.blue)
  const [requirement, setRequirement] = useState('')
  const [deadline, setDeadline] = useState('')
  const [error, setError] = useState<string | undefined>()

  if (!open) {
    return (
      <button type="button" className="primary-button" onClick={() => setOpen(true)} data-testid="notice-issue">
        下发督办单
      </button>
    )
  }
  // Not a <form>: the panel around it already is one, and forms cannot nest.
  const submit = () => {
    if (!requirement.trim()) return setError('督办要求不能为空')
    if (!isIsoDate(deadline)) return setError('请填写办理时限（如 2022-09-30）')
    const failure = commands.issue({ level, requirement: requirement.trim(), deadline })
    setError(failure)
    if (!failure) {
      setRequirement('')
      setDeadline('')
      setLevel(NoticeLevel.blue)
      setOpen(false)
    }
  }
  return (
    <div className="issue-notice" role="group" aria-labelledby={`${id}-title`} data-testid="issue-notice-form">
      <h4 id={`${id}-title`}>下发督办单</h4>
      <label>
        督办等级
        <select value={level} onChange={(event) => isLevel(event.target.value) && setLevel(event.target.value)} data-testid="notice-level">
          {NOTICE_LEVELS.map((value) => (
            <option key={value} value={value}>
              {NOTICE_LEVEL_LABEL[value]}
            </option>
          ))}
        </select>
      </label>
      <label className="issue-requirement">
        督办要求
        <textarea rows={2} value={requirement} onChange={(event) => setRequirement(event.target.value)} data-testid="notice-requirement" />
      </label>
      <label>
        办理时限
        <input type="date" value={deadline} onChange={(event) => setDeadline(event.target.value)} data-testid="notice-deadline" />
      </label>
      <div className="issue-actions">
        <button type="button" className="primary-button" onClick={submit} data-testid="notice-submit">
          下发
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          取消
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
})
