import { memo, useCallback } from 'react'
import { canManageBoards } from '@guatu/shared/domain/permissions'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { AppLink } from '../app/AppLink.tsx'
import { boardSubpagePath } from '../app/route.ts'
import { AgendaStrip } from './AgendaStrip.tsx'
import { EndMeetingButton } from './EndMeetingButton.tsx'
import { FollowToggle } from './FollowToggle.tsx'
import { useMeetingCommands } from './useMeetingCommands.ts'
import { useRunningMeeting } from './useRunningMeeting.ts'
import './meeting.css'

/**
 * Under the header of every participant while a 调度会 runs: its title, who reports now and the
 * agenda. The project office calls units (previous / next or a click on the agenda), ends a unit's
 * report and ends the meeting; everyone can step out of following and back.
 */
export const MeetingBar = memo(function MeetingBar({ boardId, onError }: { boardId: string; onError: (message: string) => void }) {
  const meeting = useRunningMeeting()
  const principal = usePrincipal()
  const commands = useMeetingCommands()
  const office = canManageBoards(principal)
  const meetingId = meeting?.id
  const call = useCallback(
    (unit: string | undefined) => {
      if (!meetingId) return
      const result = commands.setReporting(meetingId, unit)
      if (!result.ok) onError(result.message)
    },
    [commands, meetingId, onError],
  )
  if (!meeting) return null
  const { agenda, reportingUnit } = meeting
  const index = reportingUnit === undefined ? -1 : agenda.indexOf(reportingUnit)
  const previous = index > 0 ? agenda[index - 1] : undefined
  const next = index < agenda.length - 1 ? agenda[index + 1] : undefined
  return (
    <section className="meeting-bar" aria-label="调度会" data-testid="meeting-bar">
      <div className="meeting-bar-head">
        <span className="meeting-live" aria-hidden="true" />
        <strong className="meeting-bar-title">{meeting.title}</strong>
        <span className="meeting-reporting-line" role="status" aria-live="polite">
          {reportingUnit ? (
            <>
              正在汇报：<strong data-testid="meeting-reporting">{reportingUnit}</strong>
            </>
          ) : (
            <span className="meeting-idle">等待汇报</span>
          )}
        </span>
        <FollowToggle reportingUnit={reportingUnit} />
        {index === -1 && (
          // Every 调度会 opens with 回头看: what moved since the last meeting, before any unit reports.
          <AppLink href={boardSubpagePath(boardId, 'lookback')} className="meeting-lookback-link" data-testid="meeting-lookback">
            第一项：回头看
          </AppLink>
        )}
        {office && (
          <span className="meeting-controls">
            <button type="button" disabled={previous === undefined} onClick={() => call(previous)} data-testid="meeting-previous">
              上一个
            </button>
            <button
              type="button"
              disabled={next === undefined && index !== -1}
              onClick={() => call(index === -1 ? agenda[0] : next)}
              data-testid="meeting-next"
            >
              {index === -1 ? '开始汇报' : '下一个'}
            </button>
            <button type="button" disabled={reportingUnit === undefined} onClick={() => call(undefined)} data-testid="meeting-report-done">
              结束本单位汇报
            </button>
            <EndMeetingButton boardId={boardId} meeting={meeting} onError={onError} />
          </span>
        )}
      </div>
      <AgendaStrip agenda={agenda} reportingUnit={reportingUnit} onCall={office ? call : undefined} />
    </section>
  )
})
