import { memo, useMemo } from 'react'
import { formatChineseDate } from '@guatu/shared/domain/dates'
import { canManageBoards } from '@guatu/shared/domain/permissions'
import type { Project } from '@guatu/shared/domain/project'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { RecordDecisionForm } from './RecordDecisionForm.tsx'
import { useMeetings } from './useMeetings.ts'
import { useProjectDecisions } from './useProjectDecisions.ts'
import { useRunningMeeting } from './useRunningMeeting.ts'

/**
 * 确定事项 in the project panel: every decision on this project from every meeting, "who does what
 * by when". While a meeting runs the project office records new ones against it.
 */
export const DecisionSection = memo(function DecisionSection({ project }: { project: Project }) {
  const principal = usePrincipal()
  const decisions = useProjectDecisions(project.id)
  const meetings = useMeetings()
  const running = useRunningMeeting()
  const titleOf = useMemo(() => new Map(meetings.map((meeting) => [meeting.id as string, meeting.title])), [meetings])
  return (
    <section className="decision-section" aria-labelledby={`decisions-title-${project.id}`} data-testid="decision-section">
      <h3 id={`decisions-title-${project.id}`}>
        确定事项
        <span className="problem-section-counts">{decisions.length === 0 ? '无' : `共 ${decisions.length} 项`}</span>
      </h3>
      {decisions.length > 0 && (
        <ol className="decision-list">
          {decisions.map((decision) => (
            <li key={decision.id} className="decision-item" data-testid="decision-item">
              <p className="decision-content">{decision.content}</p>
              <p className="decision-meta">
                交办单位：<strong>{decision.assignee}</strong>
                {'　'}时限：<strong>{formatChineseDate(decision.deadline)}</strong>
                {'　'}
                <span className="decision-meeting">{titleOf.get(decision.meetingId) ?? '会议'}</span>
              </p>
            </li>
          ))}
        </ol>
      )}
      {canManageBoards(principal) && running && <RecordDecisionForm meetingId={running.id} project={project} />}
    </section>
  )
})
