import { memo, useState } from 'react'
import type { IsoDate } from '@guatu/shared/domain/dates'
import { formatChineseDate } from '@guatu/shared/domain/dates'
import { isProblemOverdue, PROBLEM_CATEGORY_LABEL, PROBLEM_STATUS_LABEL, ProblemStatus, type Problem } from '@guatu/shared/domain/problem'
import { formatHistoryTime } from '../history/formatHistoryTime.ts'
import type { ProblemCommands } from './useProblemCommands.ts'

/**
 * One problem: what, who solves it by when, its state, and who raised and closed it. 办理情况 is
 * saved on blur like the project's own fields; 销号 and 重新打开 are single clicks, deleting asks.
 */
export const ProblemItem = memo(function ProblemItem({
  problem,
  today,
  editable,
  deletable,
  commands,
}: {
  problem: Problem
  today: IsoDate
  editable: boolean
  deletable: boolean
  commands: ProblemCommands
}) {
  const [replyDraft, setReplyDraft] = useState<string | null>(null)
  const [confirmingDelete, setConfirmingDelete] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const overdue = isProblemOverdue(problem, today)
  const solved = problem.status === ProblemStatus.solved
  const saveReply = () => {
    if (replyDraft === null) return
    const next = replyDraft.trim()
    const failure = next === (problem.reply ?? '') ? undefined : commands.update(problem.id, { reply: next === '' ? undefined : next })
    setError(failure)
    if (!failure) setReplyDraft(null)
  }
  return (
    <li
      className={`problem-item${solved ? ' problem-solved' : ''}${overdue ? ' problem-is-overdue' : ''}`}
      data-testid="problem-item"
      data-status={problem.status}
      data-overdue={overdue ? 'true' : undefined}
    >
      <div className="problem-head">
        <span className="problem-category">{PROBLEM_CATEGORY_LABEL[problem.category]}</span>
        <span className={`problem-status status-${problem.status}`}>{PROBLEM_STATUS_LABEL[problem.status]}</span>
        {overdue && <span className="problem-badge problem-overdue">逾期</span>}
        <p className="problem-description">{problem.description}</p>
      </div>
      <dl className="problem-facts">
        <div>
          <dt>牵头单位</dt>
          <dd>{problem.leadUnit || '—'}</dd>
        </div>
        <div>
          <dt>解决时限</dt>
          <dd className={overdue ? 'overdue-text' : undefined}>{problem.deadline ? formatChineseDate(problem.deadline) : '—'}</dd>
        </div>
        <div>
          <dt>提出</dt>
          <dd>
            {problem.raisedByLabel} · {formatHistoryTime(problem.raisedAt)}
          </dd>
        </div>
        {solved && (
          <div>
            <dt>销号</dt>
            <dd>
              {problem.solvedByLabel ?? '—'}
              {problem.solvedAt ? ` · ${formatHistoryTime(problem.solvedAt)}` : ''}
            </dd>
          </div>
        )}
      </dl>
      <label className="problem-reply">
        办理情况
        <textarea
          rows={2}
          value={replyDraft ?? problem.reply ?? ''}
          disabled={!editable}
          placeholder={editable ? '填写办理进展' : ''}
          onChange={(event) => setReplyDraft(event.target.value)}
          onBlur={saveReply}
          data-testid="problem-reply"
        />
      </label>
      {editable && (
        <div className="problem-actions">
          {solved ? (
            <button type="button" onClick={() => setError(commands.reopen(problem.id))} data-testid="problem-reopen">
              重新打开
            </button>
          ) : (
            <button type="button" className="primary-button" onClick={() => setError(commands.solve(problem.id))} data-testid="problem-solve">
              销号（已解决）
            </button>
          )}
          {deletable &&
            (confirmingDelete ? (
              <span className="delete-confirm">
                确定删除此问题？
                <button type="button" className="danger-button" onClick={() => setError(commands.remove(problem.id))} data-testid="problem-delete-confirm">
                  确认删除
                </button>
                <button type="button" onClick={() => setConfirmingDelete(false)}>
                  取消
                </button>
              </span>
            ) : (
              <button type="button" className="danger-button" onClick={() => setConfirmingDelete(true)} data-testid="problem-delete">
                删除
              </button>
            ))}
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  )
})
