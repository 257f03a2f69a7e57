import { useEffect, useState } from 'react'
import { fetchProjectHistory, type HistoryEntry } from '../api/historyApi.ts'

/** A burst of edits (typing in several fields, a drag) asks for the history once, after it settles. */
const HISTORY_REFRESH_DEBOUNCE_MS = 300

export type HistoryState =
  | { status: 'loading'; entries?: readonly HistoryEntry[] }
  | { status: 'error'; message: string; entries?: readonly HistoryEntry[] }
  | { status: 'ready'; entries: readonly HistoryEntry[] }

/**
 * One project's history, newest first. `version` is the project's view model: the view store gives
 * it a new identity exactly when the project changes, so the list is fetched again (debounced) on
 * every change. The previous list stays on screen while the next one loads.
 *
 * `waitForSave`: our own edit changes the view model at once, but the server writes its history
 * entry only when it stores the update (the same commit that precedes the saved acknowledgement).
 * Fetching before that would show the list without the edit just made, so while our changes are
 * unsaved nothing is fetched; the fetch follows the acknowledgement. Colleagues' changes reach us
 * only after the server stored them, so they need no wait.
 */
export function useProjectHistory(boardId: string, projectId: string, version: unknown, waitForSave: boolean): HistoryState {
  const [state, setState] = useState<HistoryState>({ status: 'loading' })
  useEffect(() => {
    if (waitForSave) return
    const abort = new AbortController()
    const timer = setTimeout(() => {
      fetchProjectHistory(boardId, projectId, abort.signal).then(
        (entries) => setState({ status: 'ready', entries }),
        (error: unknown) => {
          if (abort.signal.aborted) return
          setState((previous) => ({
            status: 'error',
            message: error instanceof Error ? error.message : '历史记录加载失败',
            ...(previous.entries ? { entries: previous.entries } : {}),
          }))
        },
      )
    }, HISTORY_REFRESH_DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
      abort.abort()
    }
  }, [boardId, projectId, version, waitForSave])
  return state
}
