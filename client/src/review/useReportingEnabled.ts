import type * as Y from 'yjs'
import { readReportingSettings } from '@guatu/shared/board/boardSettingsAccess'
import { useReviewSnapshot } from './useReviewSnapshot.ts'

const readEnabled = (doc: Y.Doc) => readReportingSettings(doc) !== undefined
const asKey = (enabled: boolean) => String(enabled)

/** Whether the office has set up the reporting cycle (报送 → 审核) on this board. */
export function useReportingEnabled(): boolean {
  return useReviewSnapshot(readEnabled, asKey)
}
