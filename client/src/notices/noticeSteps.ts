import type { HistoryEntry } from '../api/historyApi.ts'

/** History actions that are steps of a 督办单 (docs/api.md). */
export const NOTICE_ACTIONS: ReadonlySet<string> = new Set(['issue-notice', 'escalate-notice', 'reply-notice', 'close-notice', 'edit-notice'])

/** A notice's steps, oldest first, as the server attributed them. */
export function noticeSteps(entries: readonly HistoryEntry[], noticeId: string): HistoryEntry[] {
  return entries.filter((entry) => entry.recordId === noticeId && NOTICE_ACTIONS.has(entry.action)).reverse()
}
