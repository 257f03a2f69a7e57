import { useState } from 'react'
import type { Meeting } from '@guatu/shared/domain/meeting'
import { formatMoment, inputFromMoment, momentFromInput } from './formatMoment.ts'

/** Choose the moment to look back at: a date and time (北京时间), or a meeting's start or end. */
export function MomentPicker({ at, meetings, onChoose }: { at: string | undefined; meetings: readonly Meeting[]; onChoose: (at: string) => void }) {
  const [typed, setTyped] = useState(at ? inputFromMoment(at) : '')
  const [error, setError] = useState<string | null>(null)
  const choose = () => {
    const moment = momentFromInput(typed)
    if (!moment) return setError('请选择完整的日期和时间')
    setError(null)
    onChoose(moment)
  }
  return (
    <div className="lookback-picker" role="group" aria-label="选择回看时刻">
      <label className="filter-inline">
        时刻（北京时间）
        <input type="datetime-local" value={typed} onChange={(event) => setTyped(event.target.value)} data-testid="lookback-moment" />
      </label>
      <button type="button" onClick={choose} data-testid="lookback-go">
        查看
      </button>
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
      {meetings.length > 0 && (
        <ul className="lookback-meetings" aria-label="按会议选择">
          {meetings.map((meeting) => (
            <li key={meeting.id}>
              <span>{meeting.title}</span>
              <button type="button" onClick={() => onChoose(meeting.startedAt)} aria-label={`${meeting.title}开始时 ${formatMoment(meeting.startedAt)}`}>
                开始时
              </button>
              {meeting.endedAt && (
                <button
                  type="button"
                  onClick={() => onChoose(meeting.endedAt!)}
                  aria-label={`${meeting.title}结束时 ${formatMoment(meeting.endedAt)}`}
                  data-testid="lookback-meeting-end"
                >
                  结束时
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
