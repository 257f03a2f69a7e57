import { useEffect, useMemo, useState } from 'react'
import type { BoardSummary } from '@guatu/shared/api/boards'
import { fetchBoardUnits } from '../api/boardsApi.ts'

/**
 * Every 责任单位 named on any board (plus those already given to accounts), sorted in Chinese
 * order: the choices offered when giving an account its units. A board that fails to load just
 * contributes nothing — free-text entry still works.
 */
export function useKnownUnits(boards: readonly BoardSummary[], accountUnits: readonly string[]): readonly string[] {
  const [boardUnits, setBoardUnits] = useState<readonly string[]>([])
  useEffect(() => {
    let current = true
    void Promise.all(boards.map((board) => fetchBoardUnits(board.id).catch(() => []))).then((lists) => {
      if (current) setBoardUnits(lists.flat())
    })
    return () => {
      current = false
    }
  }, [boards])
  return useMemo(() => [...new Set([...boardUnits, ...accountUnits])].sort((a, b) => a.localeCompare(b, 'zh-CN')), [boardUnits, accountUnits])
}
