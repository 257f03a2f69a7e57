import { memo } from 'react'
import type { ProjectId } from '@guatu/shared/domain/project'
import { Board } from '../board/Board.tsx'
import type { BoardQuery } from './boardQuery.ts'
import { useFollowedQuery } from './useFollowedQuery.ts'

/** The board as the person sees it: their own filter, narrowed to the reporting unit while they follow the meeting. */
export const FollowedBoard = memo(function FollowedBoard({
  query,
  onOpen,
  onError,
}: {
  query: BoardQuery
  onOpen: (id: ProjectId) => void
  onError: (message: string) => void
}) {
  const shown = useFollowedQuery(query)
  return <Board query={shown} onOpen={onOpen} onError={onError} />
})
