import { useSyncExternalStore } from 'react'
import type { Notice } from '@guatu/shared/domain/notice'
import { useBoardConnection } from './useBoardConnection.ts'

/** Every 督办单 on the board, oldest first (the 督办清单 page). */
export function useAllNotices(): readonly Notice[] {
  const { view } = useBoardConnection()
  return useSyncExternalStore(view.subscribe, view.getAllNotices)
}
