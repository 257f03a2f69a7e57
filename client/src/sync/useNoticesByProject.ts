import { useSyncExternalStore } from 'react'
import type { NoticesByProject } from './noticeIndex.ts'
import { useBoardConnection } from './useBoardConnection.ts'

/** 督办单 per project for the cards; untouched projects keep their list's identity. */
export function useNoticesByProject(): NoticesByProject {
  const { view } = useBoardConnection()
  return useSyncExternalStore(view.subscribe, view.getNoticesByProject)
}
