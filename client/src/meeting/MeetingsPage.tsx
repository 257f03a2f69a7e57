import { memo } from 'react'
import { formatChineseDate } from '@guatu/shared/domain/dates'
import { MEETING_STATUS_LABEL, MeetingStatus } from '@guatu/shared/domain/meeting'
import { AppLink } from '../app/AppLink.tsx'
import { minutesPath } from '../app/route.ts'
import { useMeetings } from './useMeetings.ts'
import './meeting.css'

/** `/board/:id/meetings`: every 调度会 of the board, newest first, each linking to its minutes. */
export const MeetingsPage = memo(function MeetingsPage({ boardId }: { boardId: string }) {
  const meetings = useMeetings()
  return (
    <section className="meetings-page" aria-labelledby="meetings-title" data-testid="meetings-page">
      <h2 id="meetings-title">调度会</h2>
      {meetings.length === 0 ? (
        <p className="page-message">还没有召开过调度会。</p>
      ) : (
        <ol className="meetings-list">
          {meetings.map((meeting) => (
            <li key={meeting.id} className="meetings-row" data-testid="meetings-row" data-status={meeting.status}>
              <AppLink href={minutesPath(boardId, meeting.id)} data-testid={`meeting-link-${meeting.id}`}>
                {meeting.title}
              </AppLink>
              <span>{formatChineseDate(meeting.date)}</span>
              <span>主持：{meeting.chairLabel}</span>
              <span>参会单位 {meeting.attendees.length} 个</span>
              <span className={meeting.status === MeetingStatus.running ? 'meeting-status running' : 'meeting-status'}>
                {MEETING_STATUS_LABEL[meeting.status]}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
})
