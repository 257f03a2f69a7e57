import { useMemo } from 'react'
import { endMeeting, recordDecision, setReportingUnit, startMeeting, type NewDecision, type NewMeeting } from '@guatu/shared/board/meetingCommands'
import { meetingFigures } from '@guatu/shared/board/meetingFigures'
import type { MeetingId } from '@guatu/shared/domain/meeting'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { useAsOf } from '../progress/useAsOf.ts'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { useBoardSettings } from '../sync/useBoardSettings.ts'

export type CommandResult<T> = { ok: true; value: T } | { ok: false; message: string }

function attempt<T>(run: () => T, fallback: string): CommandResult<T> {
  try {
    return { ok: true, value: run() }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : fallback }
  }
}

/**
 * 调度会 commands, each returning its Chinese failure instead of throwing. The chair and the
 * recorder are the signed-in principal; the server checks the claim and that it is the project office.
 * The board's figures (totals, 已完成投资, targets, lights — as the progress page judges them) are
 * taken from the view store at the moment of starting and ending: the minutes' before and after.
 */
export function useMeetingCommands() {
  const { doc, view } = useBoardConnection()
  const principal = usePrincipal()
  const settings = useBoardSettings()
  const asOf = useAsOf(settings)
  return useMemo(() => {
    const figures = () => meetingFigures({ projects: view.getAllProjects(), problems: view.getAllProblems(), settings, asOf })
    return {
      start: (meeting: NewMeeting) => attempt(() => startMeeting(doc, meeting, figures(), principal), '召开会议失败'),
      setReporting: (id: MeetingId, unit: string | undefined) => attempt(() => setReportingUnit(doc, id, unit), '切换汇报单位失败'),
      end: (id: MeetingId) => attempt(() => endMeeting(doc, id, figures()), '结束会议失败'),
      recordDecision: (decision: NewDecision) => attempt(() => recordDecision(doc, decision, principal), '记录确定事项失败'),
    }
  }, [doc, view, principal, settings, asOf])
}

export type MeetingCommands = ReturnType<typeof useMeetingCommands>
