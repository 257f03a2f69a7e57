import { useMemo, useSyncExternalStore } from 'react'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { createMoveFeed, type MoveFeed } from './moveFeed.ts'

/** 最新动态: the latest stage moves on the open board, newest first, live. */
export function useMoveFeed(): MoveFeed {
  const { boardId, view, status } = useBoardConnection()
  const feed = useMemo(() => createMoveFeed(boardId, view, status), [boardId, view, status])
  return useSyncExternalStore(feed.subscribe, feed.get)
}
