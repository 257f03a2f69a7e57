import { boardComparisonSchema, type BoardComparison } from '@guatu/shared/api/lookback'
import { downloadFile, requestBytes, requestJson } from './http.ts'

function boardUrl(boardId: string, rest: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}${rest}`
}

/** 变化对比 between `from` (default: the end of the last meeting) and `to` (default: now), filtered like the board. */
export function fetchChanges(
  boardId: string,
  range: { from?: string; to?: string },
  filter: URLSearchParams = new URLSearchParams(),
): Promise<BoardComparison> {
  const params = new URLSearchParams(filter)
  if (range.from) params.set('from', range.from)
  if (range.to) params.set('to', range.to)
  const query = params.size > 0 ? `?${params}` : ''
  return requestJson(boardUrl(boardId, `/changes${query}`), boardComparisonSchema)
}

/** The change list (Excel) for the same range and filter. */
export function downloadChanges(boardId: string, from: string, filter: URLSearchParams): Promise<string> {
  const params = new URLSearchParams(filter)
  params.set('from', from)
  return downloadFile(boardUrl(boardId, `/changes.xlsx?${params}`), '变化清单.xlsx')
}

/** The whole board document as it stood at `at`, one Yjs update (read in client/src/sync/pastBoard.ts). */
export function fetchStateAt(boardId: string, at: string): Promise<Uint8Array> {
  return requestBytes(boardUrl(boardId, `/state?at=${encodeURIComponent(at)}`))
}
