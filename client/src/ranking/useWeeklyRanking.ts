import { useEffect, useState } from 'react'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { RankingGroup, WeeklyRanking } from '@guatu/shared/progress/ranking'
import { fetchWeeklyRanking } from '../api/reportsApi.ts'

/** Moves in a meeting come in bursts; the ranking is asked for once they settle. */
const RANKING_REFRESH_DEBOUNCE_MS = 500

export type RankingState =
  { status: 'loading'; ranking?: WeeklyRanking } | { status: 'error'; message: string; ranking?: WeeklyRanking } | { status: 'ready'; ranking: WeeklyRanking }

/**
 * The week's ranking from the server. `version` is anything that changes with the board (the view
 * store's project and problem arrays): the ranking is fetched again after each change, and the
 * previous table stays on screen meanwhile.
 */
export function useWeeklyRanking(boardId: string, week: IsoDate, by: RankingGroup, version: unknown): RankingState {
  const [state, setState] = useState<RankingState>({ status: 'loading' })
  useEffect(() => {
    const abort = new AbortController()
    const timer = setTimeout(() => {
      fetchWeeklyRanking(boardId, week, by, abort.signal).then(
        (ranking) => setState({ status: 'ready', ranking }),
        (error: unknown) => {
          if (abort.signal.aborted) return
          setState((previous) => ({
            status: 'error',
            message: error instanceof Error ? error.message : '排名加载失败',
            ...(previous.ranking ? { ranking: previous.ranking } : {}),
          }))
        },
      )
    }, RANKING_REFRESH_DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
      abort.abort()
    }
  }, [boardId, week, by, version])
  return state
}
