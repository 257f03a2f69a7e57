import { useMemo, useSyncExternalStore } from 'react'
import { metaRoot } from '@guatu/shared/board/boardDoc'
import { readBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import type { BoardSettings } from '@guatu/shared/progress/boardSettings'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { createDocValueStore } from './docValueStore.ts'

// Settings are a small plain object written as one value: comparing their JSON is exact and cheap.
const sameSettings = (a: BoardSettings, b: BoardSettings) => JSON.stringify(a) === JSON.stringify(b)

/** The board's targets, thresholds and 数据截至 date; the defaults for `year` when none are stored. */
export function useBoardSettings(year: number): BoardSettings {
  const { doc } = useBoardConnection()
  const store = useMemo(() => createDocValueStore(metaRoot(doc), () => readBoardSettings(doc, year), sameSettings), [doc, year])
  return useSyncExternalStore(store.subscribe, store.get)
}
