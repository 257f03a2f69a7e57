import { memo } from 'react'
import { formatChineseDate, type IsoDate } from '@guatu/shared/domain/dates'
import { formatPercent } from '@guatu/shared/progress/fraction'
import type { TimeProgress } from '@guatu/shared/progress/timeProgress'
import { CONNECTION_STATE_LABEL, type ConnectionState } from '../sync/connectionStatus.ts'
import { chinaClock } from '@guatu/shared/domain/chinaTime'
import { fitText } from './fitText.ts'
import type { MeetingNow } from './useMeetingNow.ts'

const TITLE_MAX_EM = 20
const UNIT_MAX_EM = 7

/**
 * Title bar: 数据截至 and 序时进度 on the left, the board's name in the middle, the meeting's
 * reporting unit and the link to the server on the right.
 */
export const ScreenHeader = memo(function ScreenHeader({
  title,
  asOf,
  dataTime,
  timeProgress,
  meeting,
  connection,
}: {
  title: string
  asOf: IsoDate
  /** Epoch ms the data is current at. */
  dataTime: number
  timeProgress: TimeProgress
  meeting: MeetingNow | undefined
  connection: ConnectionState
}) {
  return (
    <header className="sw-wall-header" data-testid="screen-tile">
      <div className="sw-wall-header-side sw-wall-header-left">
        {/* The day the figures are judged on and the moment the data arrived are different facts. */}
        <span className="sw-as-of" data-testid="screen-as-of">
          统计截止 {formatChineseDate(asOf)}
        </span>
        <span className="sw-data-time" data-testid="screen-data-time">
          更新 {chinaClock(dataTime)}
        </span>
        <span className="sw-time-progress-chip">
          序时进度 <strong>{formatPercent(timeProgress.percentTenths)}</strong>
        </span>
      </div>
      <h1 className="sw-wall-title">{fitText(title, TITLE_MAX_EM)}</h1>
      <div className="sw-wall-header-side sw-wall-header-right">
        {meeting && (
          <span className="sw-meeting-pill" data-testid="screen-meeting">
            {meeting.reportingUnit ? (
              <>
                正在汇报：<strong>{fitText(meeting.reportingUnit, UNIT_MAX_EM)}</strong>
              </>
            ) : (
              '调度会进行中'
            )}
          </span>
        )}
        <span className={`sw-connection-pill sw-connection-${connection}`} data-testid="screen-connection" data-state={connection} role="status">
          <span className="sw-connection-dot" aria-hidden="true" />
          {CONNECTION_STATE_LABEL[connection]}
        </span>
      </div>
    </header>
  )
})
