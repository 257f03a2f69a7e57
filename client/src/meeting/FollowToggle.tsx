import { memo } from 'react'
import { followMeetingStore } from './followStore.ts'
import { useFollowMeeting } from './useFollowMeeting.ts'

/** 退出跟随 / 跟随会议: this browser only; the meeting and everyone else's board are untouched. */
export const FollowToggle = memo(function FollowToggle({ reportingUnit }: { reportingUnit: string | undefined }) {
  const following = useFollowMeeting()
  return (
    <span className="meeting-follow">
      <span className="meeting-follow-state">{following ? (reportingUnit ? `跟随中：只显示${reportingUnit}的项目` : '跟随中') : '未跟随：显示自己的筛选'}</span>
      <button
        type="button"
        aria-pressed={following}
        onClick={() => followMeetingStore.set(!following)}
        data-testid="meeting-follow-toggle"
        data-following={following}
      >
        {following ? '退出跟随' : '跟随会议'}
      </button>
    </span>
  )
})
