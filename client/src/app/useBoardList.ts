import { useCallback, useEffect, useState } from 'react'
import type { BoardSummary } from '@guatu/shared/api/boards'
import { fetchBoards } from '../api/boardsApi.ts'

export type BoardListState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; boards: BoardSummary[] }

/** Loads the board list once; `reload` fetches it again (after creating a board, or after an error). */
export function useBoardList(): { state: BoardListState; reload: () => void } {
  const [state, setState] = useState<BoardListState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let current = true
    fetchBoards().then(
      (boards) => current && setState({ status: 'ready', boards }),
      (error: unknown) => current && setState({ status: 'error', message: error instanceof Error ? error.message : '加载失败' }),
    )
    return () => {
      current = false
    }
  }, [attempt])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, reload }
}
