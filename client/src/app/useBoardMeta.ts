import { useEffect, useState } from 'react'
import type { BoardSummary } from '@guatu/shared/api/boards'
import { fetchBoard } from '../api/boardsApi.ts'
import { ApiError } from '../api/http.ts'

export type BoardMeta = { status: 'loading' } | { status: 'missing' } | { status: 'ready'; board: BoardSummary } | { status: 'unknown' }

/** The board's name and year for the header. Only a 404 stops the page; other failures just leave the title generic. */
export function useBoardMeta(boardId: string): BoardMeta {
  const [meta, setMeta] = useState<BoardMeta>({ status: 'loading' })
  useEffect(() => {
    let current = true
    fetchBoard(boardId).then(
      (board) => current && setMeta({ status: 'ready', board }),
      (error: unknown) => current && setMeta(error instanceof ApiError && error.status === 404 ? { status: 'missing' } : { status: 'unknown' }),
    )
    return () => {
      current = false
    }
  }, [boardId])
  return meta
}
