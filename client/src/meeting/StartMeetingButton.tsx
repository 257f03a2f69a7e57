import { memo, useState } from 'react'
import { StartMeetingDialog } from './StartMeetingDialog.tsx'
import { useRunningMeeting } from './useRunningMeeting.ts'

/** 召开调度会 in the header (project office only); hidden while a meeting runs. */
export const StartMeetingButton = memo(function StartMeetingButton() {
  const running = useRunningMeeting()
  const [open, setOpen] = useState(false)
  if (running && !open) return null
  return (
    <>
      <button type="button" className="header-button" onClick={() => setOpen(true)} data-testid="meeting-start">
        召开调度会
      </button>
      {open && <StartMeetingDialog onClose={() => setOpen(false)} />}
    </>
  )
})
