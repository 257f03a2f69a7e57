import { z } from 'zod'
import { requestJson } from './http.ts'

/**
 * GET /api/boards/:id/history (shared/src/api/history.ts), read entry by entry: an entry this page
 * does not understand is left out rather than failing the whole list, which a wall display must
 * keep showing.
 */
export const historyAnswerSchema = z.object({ entries: z.unknown() })

/** One line of a project's history, written by the server from the authenticated sender of a change. */
export interface HistoryEntry {
  id: string
  /** ISO 8601 time of the change. */
  at: string
  actorLabel: string
  action: string
  /** The problem or 督办单 the entry is about (problem and notice actions), else undefined. */
  recordId?: string
  /** Old and new value; for a move (`action` 'move') these are stage ids. */
  from?: unknown
  to?: unknown
  summary: string
}

function readEntry(value: unknown): HistoryEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const record = value as Record<string, unknown>
  if (typeof record.id !== 'string' && typeof record.id !== 'number') return undefined
  const actor = record.actor as { label?: unknown } | undefined
  return {
    id: String(record.id),
    // Kept as ISO text; a server that sends epoch milliseconds is read the same way.
    at: typeof record.at === 'number' ? new Date(record.at).toISOString() : typeof record.at === 'string' ? record.at : '',
    actorLabel: typeof actor?.label === 'string' ? actor.label : '未知',
    action: typeof record.action === 'string' ? record.action : '',
    ...(typeof record.recordId === 'string' && record.recordId ? { recordId: record.recordId } : {}),
    summary: typeof record.summary === 'string' ? record.summary : '',
    from: record.from,
    to: record.to,
  }
}

/** Newest first, as the server sends them. */
export async function fetchProjectHistory(boardId: string, projectId: string, signal?: AbortSignal): Promise<HistoryEntry[]> {
  const query = new URLSearchParams({ projectId })
  const { entries } = await requestJson(`/api/boards/${encodeURIComponent(boardId)}/history?${query.toString()}`, historyAnswerSchema, signal ? { signal } : {})
  return Array.isArray(entries) ? entries.flatMap((entry) => readEntry(entry) ?? []) : []
}
