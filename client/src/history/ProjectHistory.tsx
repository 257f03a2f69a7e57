import { memo } from 'react'
import { formatHistoryTime } from './formatHistoryTime.ts'
import { AuditAction } from '@guatu/shared/domain/auditAction'
import { isBackwardMove } from './stageMove.ts'
import type { HistoryState } from './useProjectHistory.ts'

/**
 * 历史记录: who changed what and when, as the server recorded it from each change's sender. Stage
 * moves stand out, and a move back to an earlier stage is marked 退回. The panel fetches the list
 * (useProjectHistory) and shares it with the 督办单 steps.
 */
export const ProjectHistory = memo(function ProjectHistory({ projectId, history }: { projectId: string; history: HistoryState }) {
  const entries = history.entries ?? []
  return (
    <section className="project-history" aria-labelledby={`history-title-${projectId}`} data-testid="project-history">
      <h3 id={`history-title-${projectId}`}>历史记录</h3>
      {history.status === 'error' && (
        <p className="error-text" role="alert">
          {history.message}
        </p>
      )}
      {history.status === 'loading' && entries.length === 0 && <p role="status">正在加载历史记录…</p>}
      {history.status === 'ready' && entries.length === 0 && <p>暂无历史记录。</p>}
      {entries.length > 0 && (
        <ol className="history-list">
          {entries.map((entry) => {
            const move = entry.action === AuditAction.move
            const back = isBackwardMove(entry)
            return (
              <li
                key={entry.id}
                className={`history-entry${move ? ' history-move' : ''}${back ? ' history-back' : ''}`}
                data-testid="history-entry"
                data-action={entry.action}
                data-backward={back ? 'true' : undefined}
              >
                <time dateTime={entry.at}>{formatHistoryTime(entry.at)}</time>
                <span className="history-actor">{entry.actorLabel}</span>
                <span className="history-summary">
                  {back && <span className="back-tag">退回</span>}
                  {entry.summary}
                </span>
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
})
