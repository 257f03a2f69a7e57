import { memo, useState } from 'react'
import { formatChineseDate, isIsoDate } from '@guatu/shared/domain/dates'
import { MEETING_STATUS_LABEL, MeetingStatus } from '@guatu/shared/domain/meeting'
import { AppLink } from '../app/AppLink.tsx'
import { meetingsPath } from '../app/route.ts'
import { useSavedState } from '../sync/useSavedState.ts'
import { downloadMinutesDocx } from './minutesApi.ts'
import { DecisionLine, MinutesUnit } from './MinutesUnit.tsx'
import { TotalsTable } from './TotalsTable.tsx'
import { useMeetings } from './useMeetings.ts'
import { useMinutes } from './useMinutes.ts'
import './meeting.css'
import './minutesPrint.css'

const clock = new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' })

/**
 * `/board/:id/meetings/:meetingId`: the 会议纪要 as the server composes it from the board's history —
 * who attended, the 确定事项清单, each unit's part in agenda order, and the board before and after.
 * Prints on A4 as a plain document (minutesPrint.css); 导出Word gives the server's .docx.
 */
export const MinutesPage = memo(function MinutesPage({ boardId, meetingId, onError }: { boardId: string; meetingId: string; onError: (message: string) => void }) {
  const record = useMeetings().find((meeting) => meeting.id === meetingId)
  const { unsavedCount } = useSavedState()
  const state = useMinutes(boardId, meetingId, record, unsavedCount > 0)
  const [downloading, setDownloading] = useState(false)

  if (state.status === 'loading') return <p role="status" className="page-message">正在生成会议纪要…</p>
  if (state.status === 'error') return <p role="alert" className="page-message error-text">{state.message}</p>
  const { meeting, units, decisions, totalsBefore, totalsAfter } = state.minutes
  const exportWord = () => {
    setDownloading(true)
    downloadMinutesDocx(boardId, meetingId, meeting.title).then(
      () => setDownloading(false),
      (error: unknown) => {
        setDownloading(false)
        onError(error instanceof Error ? error.message : '导出失败')
      },
    )
  }
  const period = `${clock.format(new Date(meeting.startedAt))}${meeting.endedAt ? ` — ${clock.format(new Date(meeting.endedAt))}` : ''}`
  return (
    <article className="minutes" data-testid="minutes" data-status={meeting.status}>
      <div className="minutes-toolbar no-print">
        <AppLink href={meetingsPath(boardId)}>← 全部会议</AppLink>
        <button type="button" onClick={() => window.print()} data-testid="minutes-print">
          打印
        </button>
        <button type="button" onClick={exportWord} disabled={downloading} data-testid="minutes-docx">
          {downloading ? '正在导出…' : '导出Word'}
        </button>
      </div>
      <header className="minutes-header">
        <h1>{meeting.title}</h1>
        <p className="minutes-subtitle">会议纪要{meeting.status === MeetingStatus.running && `（${MEETING_STATUS_LABEL.running}，内容随会议更新）`}</p>
        <dl className="minutes-facts">
          <dt>时间</dt>
          <dd>
            {isIsoDate(meeting.date) ? formatChineseDate(meeting.date) : meeting.date} {period}
          </dd>
          <dt>主持</dt>
          <dd>{meeting.chairLabel}</dd>
          <dt>参会单位</dt>
          <dd data-testid="minutes-attendees">{meeting.attendees.join('、')}</dd>
        </dl>
      </header>
      <section className="minutes-section minutes-decisions">
        <h2>一、确定事项清单</h2>
        {decisions.length === 0 ? (
          <p className="minutes-none">本次会议无确定事项。</p>
        ) : (
          <ol>
            {decisions.map((decision, index) => (
              <li key={index} data-testid="minutes-decision">
                <DecisionLine decision={decision} />
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="minutes-section">
        <h2>二、各单位汇报情况</h2>
        {units.map((unit, index) => (
          <MinutesUnit key={unit.unit} unit={unit} index={index} />
        ))}
      </section>
      <section className="minutes-section minutes-totals-section">
        <h2>三、会前会后项目总体情况</h2>
        <TotalsTable before={totalsBefore} after={totalsAfter} />
      </section>
    </article>
  )
})
