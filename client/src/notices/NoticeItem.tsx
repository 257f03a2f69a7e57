import { memo, useState } from 'react'
import { formatChineseDate, isIsoDate, type IsoDate } from '@guatu/shared/domain/dates'
import { isNoticeReplyOverdue, nextNoticeLevel, NOTICE_LEVEL_LABEL, NOTICE_STATUS_LABEL, NoticeStatus, type Notice } from '@guatu/shared/domain/notice'
import type { HistoryEntry } from '../api/historyApi.ts'
import { formatHistoryTime } from '../history/formatHistoryTime.ts'
import type { NoticeCommands } from './useNoticeCommands.ts'

/**
 * One 督办单 in the panel: level, what is required by when, the department's 办理情况, and every
 * step (下发, 升级, 答复, 办结) as the server recorded it. The office escalates and closes; the
 * responsible department answers.
 */
export const NoticeItem = memo(function NoticeItem({
  notice,
  steps,
  today,
  office,
  canReply,
  commands,
}: {
  notice: Notice
  steps: readonly HistoryEntry[]
  today: IsoDate
  office: boolean
  canReply: boolean
  commands: NoticeCommands
}) {
  const [reply, setReply] = useState('')
  const [newDeadline, setNewDeadline] = useState('')
  const [error, setError] = useState<string | undefined>()
  const open = notice.status === NoticeStatus.open
  const overdue = isNoticeReplyOverdue(notice, today)
  const next = nextNoticeLevel(notice.level)

  const escalate = () => {
    if (newDeadline && !isIsoDate(newDeadline)) return setError('新的办理时限须为有效日期')
    const failure = commands.escalate(notice.id, isIsoDate(newDeadline) ? newDeadline : undefined)
    setError(failure)
    if (!failure) setNewDeadline('')
  }
  const submitReply = () => {
    if (!reply.trim()) return setError('请填写办理情况')
    const failure = commands.reply(notice.id, reply.trim())
    setError(failure)
    if (!failure) setReply('')
  }

  return (
    <li
      className={`notice-item notice-level-${notice.level}${open ? '' : ' notice-closed'}${overdue ? ' notice-overdue' : ''}`}
      data-testid="notice-item"
      data-level={notice.level}
      data-status={notice.status}
      data-overdue={overdue ? 'true' : undefined}
    >
      <div className="notice-head">
        <span className={`notice-badge notice-${notice.level}`}>{NOTICE_LEVEL_LABEL[notice.level]}</span>
        <span className={`notice-status status-${notice.status}`}>{NOTICE_STATUS_LABEL[notice.status]}</span>
        {overdue && <span className="problem-badge problem-overdue">逾期未答复</span>}
        <p className="notice-requirement">{notice.requirement}</p>
      </div>
      <dl className="notice-facts">
        <div>
          <dt>办理时限</dt>
          <dd className={overdue ? 'overdue-text' : undefined}>{formatChineseDate(notice.deadline)}</dd>
        </div>
        <div>
          <dt>下发</dt>
          <dd>
            {notice.issuedByLabel} · {formatHistoryTime(notice.issuedAt)}
          </dd>
        </div>
        <div className="notice-reply-fact">
          <dt>办理情况</dt>
          <dd data-testid="notice-reply">
            {notice.reply ? (
              <>
                {notice.reply}
                <span className="notice-by">
                  （{notice.repliedByLabel ?? '—'}
                  {notice.repliedAt ? ` · ${formatHistoryTime(notice.repliedAt)}` : ''}）
                </span>
              </>
            ) : (
              '尚未答复'
            )}
          </dd>
        </div>
        {!open && (
          <div>
            <dt>办结</dt>
            <dd>
              {notice.closedByLabel ?? '—'}
              {notice.closedAt ? ` · ${formatHistoryTime(notice.closedAt)}` : ''}
            </dd>
          </div>
        )}
      </dl>
      {steps.length > 0 && (
        <ol className="notice-steps" aria-label="督办过程">
          {steps.map((step) => (
            <li key={step.id} data-testid="notice-step" data-action={step.action}>
              <time dateTime={step.at}>{formatHistoryTime(step.at)}</time>
              <span className="history-actor">{step.actorLabel}</span>
              <span>{step.summary}</span>
            </li>
          ))}
        </ol>
      )}
      {open && canReply && (
        <div className="notice-reply-form">
          <label>
            办理情况
            <textarea
              rows={2}
              value={reply}
              onChange={(event) => setReply(event.target.value)}
              placeholder="填写整改落实情况"
              data-testid="notice-reply-input"
            />
          </label>
          <button type="button" className="primary-button" onClick={submitReply} data-testid="notice-reply-submit">
            提交答复
          </button>
        </div>
      )}
      {open && office && (
        <div className="notice-actions">
          {next && (
            <>
              <label className="notice-new-deadline">
                新时限（可选）
                <input type="date" value={newDeadline} onChange={(event) => setNewDeadline(event.target.value)} data-testid="notice-escalate-deadline" />
              </label>
              <button type="button" className={`notice-escalate-button notice-${next}`} onClick={escalate} data-testid="notice-escalate">
                升级为{NOTICE_LEVEL_LABEL[next]}
              </button>
            </>
          )}
          <button type="button" className="primary-button" onClick={() => setError(commands.close(notice.id))} data-testid="notice-close">
            办结
          </button>
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
