import { memo, useState } from 'react'
import type { Meeting } from '@guatu/shared/domain/meeting'
import { minutesPath, navigate } from '../app/route.ts'
import { useMeetingCommands } from './useMeetingCommands.ts'

/** 结束会议, asked twice: ending records the board totals after and cannot be undone from the board. */
export const EndMeetingButton = memo(function EndMeetingButton({
  boardId,
  meeting,
  onError,
}: {
  boardId: string
  meeting: Meeting
  onError: (message: string) => void
}) {
  const commands = useMeetingCommands()
  const [confirming, setConfirming] = useState(false)
  if (!confirming) {
    return (
      <button type="button" className="danger-button" onClick={() => setConfirming(true)} data-testid="meeting-end">
        结束会议
      </button>
    )
  }
  const end = () => {
    const result = commands.end(meeting.id)
    setConfirming(false)
    if (!result.ok) return onError(result.message)
    navigate(minutesPath(boardId, meeting.id))
  }
  return (
    <span className="meeting-end-confirm" role="group" aria-label="确认结束会议">
      确认结束“{meeting.title}”并生成会议纪要？
      <button type="button" className="danger-button" onClick={end} data-testid="meeting-end-confirm" autoFocus>
        确认结束
      </button>
      <button type="button" onClick={() => setConfirming(false)}>
        取消
      </button>
    </span>
  )
})
