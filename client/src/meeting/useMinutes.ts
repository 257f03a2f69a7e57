import { useEffect, useState } from 'react'
import type { Minutes } from '@guatu/shared/domain/minutes'
import { fetchMinutes } from './minutesApi.ts'

export type MinutesState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; minutes: Minutes }

/**
 * The minutes of one meeting from the server. `version` is the meeting's record: the minutes are
 * asked again when it changes (a unit called, the meeting ended). `waitForSave`: our own changes
 * (ending the meeting just now) are in the server's history only once stored, so nothing is
 * fetched while they are unsaved — otherwise the office would see minutes of a running meeting.
 */
export function useMinutes(boardId: string, meetingId: string, version: unknown, waitForSave: boolean): MinutesState {
  const [state, setState] = useState<MinutesState>({ status: 'loading' })
  useEffect(() => {
    if (waitForSave) return
    const abort = new AbortController()
    fetchMinutes(boardId, meetingId, abort.signal).then(
      (minutes) => setState({ status: 'ready', minutes }),
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ status: 'error', message: error instanceof Error ? error.message : '会议纪要加载失败' })
      },
    )
    return () => abort.abort()
  }, [boardId, meetingId, version, waitForSave])
  return state
}
