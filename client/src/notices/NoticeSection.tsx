import { memo, useMemo } from 'react'
import { canEditProjectOfUnit, canManageBoards } from '@guatu/shared/domain/permissions'
import { NoticeStatus } from '@guatu/shared/domain/notice'
import type { Project } from '@guatu/shared/domain/project'
import type { HistoryEntry } from '../api/historyApi.ts'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { useBoardToday } from '../progress/useBoardToday.ts'
import { useProjectNotices } from '../sync/useProjectNotices.ts'
import { IssueNoticeForm } from './IssueNoticeForm.tsx'
import { NoticeItem } from './NoticeItem.tsx'
import { noticeSteps } from './noticeSteps.ts'
import { useNoticeCommands } from './useNoticeCommands.ts'
import './notices.css'

/**
 * 督办单 in the project panel. The project office (canManageBoards) issues, escalates and closes;
 * the department that may edit the project writes 办理情况. The server applies the same rules.
 */
export const NoticeSection = memo(function NoticeSection({ project, history }: { project: Project; history: readonly HistoryEntry[] }) {
  const principal = usePrincipal()
  const notices = useProjectNotices(project.id)
  const commands = useNoticeCommands(project.id)
  const today = useBoardToday()
  const office = canManageBoards(principal)
  // The answer is the department's own: the office issues and closes but does not reply for it.
  const canReply = !office && canEditProjectOfUnit(principal, project.unit)
  const stepsById = useMemo(() => new Map(notices.map((notice) => [notice.id, noticeSteps(history, notice.id)])), [notices, history])
  const open = notices.filter((notice) => notice.status === NoticeStatus.open).length
  return (
    <section className="notice-section" aria-labelledby={`notices-title-${project.id}`} data-testid="notice-section">
      <h3 id={`notices-title-${project.id}`}>
        督办单
        <span className="problem-section-counts">{notices.length === 0 ? '无' : `共 ${notices.length} 件，督办中 ${open} 件`}</span>
      </h3>
      {notices.length > 0 && (
        <ol className="notice-list">
          {[...notices].reverse().map((notice) => (
            <NoticeItem
              key={notice.id}
              notice={notice}
              steps={stepsById.get(notice.id) ?? []}
              today={today}
              office={office}
              canReply={canReply}
              commands={commands}
            />
          ))}
        </ol>
      )}
      {office && <IssueNoticeForm commands={commands} />}
    </section>
  )
})
