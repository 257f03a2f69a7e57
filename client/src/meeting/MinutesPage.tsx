import { memo, useState } from 'react'
import { MEETING_STATUS_LABEL, MeetingStatus } from '@guatu/shared/domain/meeting'
import { chineseNumeral, MINUTES_SECTION } from '@guatu/shared/domain/minutes'
import { lookbackLines } from '@guatu/shared/lookback/lookbackText'
import { decisionText, meetingTimeText } from '@guatu/shared/domain/minutesText'
import { AppLink } from '../app/AppLink.tsx'
import { meetingsPath } from '../app/route.ts'
import { useSavedState } from '../sync/useSavedState.ts'
import { downloadMinutesDocx, downloadMinutesPdf } from './minutesApi.ts'
import { MinutesUnit } from './MinutesUnit.tsx'
import { TotalsTable } from './TotalsTable.tsx'
import { useMeetings } from './useMeetings.ts'
import { useMinutes } from './useMinutes.ts'
import './meeting.css'
import './minutesPrint.css'

/**
 * `/board/:id/meetings/:meetingId`: the 会议纪要 as the server composes it from the board's history —
 * who attended, the 确定事项清单, each unit's part in agenda order, and the board before and after.
 * The same sections, numbering and sentences as the Word file (shared/domain/minutesText). Prints on
 * A4 as a plain document (minutesPrint.css); 导出Word gives the server's .docx, 导出PDF that file as
 * LibreOffice prints it.
 */
export const MinutesPage = memo(function MinutesPage({
  boardId,
  meetingId,
  onError,
}: {
  boardId: string
  meetingId: string
  onError: (message: string) => void
}) {
  const record = useMeetings().find((meeting) => meeting.id === meetingId)
  const { unsavedCount } = useSavedState()
  const state = useMinutes(boardId, meetingId, record, unsavedCount > 0)
  const [downloading, setDownloading] = useState<'docx' | 'pdf' | undefined>()

  if (state.status === 'loading')
    return (
      <p role="status" className="page-message">
        正在生成会议纪要…
      </p>
    )
  if (state.status === 'error')
    return (
      <p role="alert" className="page-message error-text">
        {state.message}
      </p>
    )
  const { meeting, units, decisions, totalsBefore, totalsAfter, lookback } = state.minutes
  const download = (kind: 'docx' | 'pdf') => {
    setDownloading(kind)
    const run = kind === 'docx' ? downloadMinutesDocx : downloadMinutesPdf
    run(boardId, meetingId, meeting.title).then(
      () => setDownloading(undefined),
      (error: unknown) => {
        setDownloading(undefined)
        onError(error instanceof Error ? error.message : '导出失败')
      },
    )
  }
  return (
    <article className="minutes" data-testid="minutes" data-status={meeting.status}>
      <div className="minutes-toolbar no-print">
        <AppLink href={meetingsPath(boardId)}>← 全部会议</AppLink>
        <button type="button" onClick={() => window.print()} data-testid="minutes-print">
          打印
        </button>
        <button type="button" onClick={() => download('docx')} disabled={downloading !== undefined} data-testid="minutes-docx">
          {downloading === 'docx' ? '正在导出…' : '导出Word'}
        </button>
        <button type="button" onClick={() => download('pdf')} disabled={downloading !== undefined} data-testid="minutes-pdf">
          {downloading === 'pdf' ? '正在生成PDF…' : '导出PDF'}
        </button>
      </div>
      <header className="minutes-header">
        <h1>
          {meeting.title}
          <br />
          会议纪要
        </h1>
        {meeting.status === MeetingStatus.running && <p className="minutes-subtitle">（{MEETING_STATUS_LABEL.running}，内容随会议更新）</p>}
        <dl className="minutes-facts">
          <dt>时间</dt>
          <dd data-testid="minutes-time">{meetingTimeText(meeting)}</dd>
          <dt>地点</dt>
          <dd>{meeting.location?.trim() || '（未填写）'}</dd>
          <dt>主持</dt>
          <dd>{meeting.chairLabel}</dd>
          <dt>参会单位</dt>
          <dd data-testid="minutes-attendees">{meeting.attendees.join('、')}</dd>
        </dl>
      </header>
      <section className="minutes-section minutes-decisions">
        <h2>
          {chineseNumeral(1)}、{MINUTES_SECTION.decisions}
        </h2>
        {decisions.length === 0 ? (
          <p className="minutes-none">本次会议未形成确定事项。</p>
        ) : (
          <ol className="minutes-items">
            {decisions.map((decision, index) => (
              <li key={index} data-testid="minutes-decision">
                {index + 1}.{decisionText(decision)}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="minutes-section">
        <h2>
          {chineseNumeral(2)}、{MINUTES_SECTION.units}
        </h2>
        {units.map((unit, index) => (
          <MinutesUnit key={unit.unit} unit={unit} index={index} />
        ))}
      </section>
      <section className="minutes-section minutes-totals-section">
        <h2>
          {chineseNumeral(3)}、{MINUTES_SECTION.totals}
        </h2>
        <TotalsTable before={totalsBefore} after={totalsAfter} />
      </section>
      {lookback && (
        <section className="minutes-section minutes-lookback" data-testid="minutes-lookback">
          <h2>
            {chineseNumeral(4)}、{MINUTES_SECTION.lookback}
          </h2>
          <ol className="minutes-items">
            {lookbackLines(lookback).map((line, index) => (
              <li key={index}>
                {index + 1}.{line}
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  )
})
