import * as Y from 'yjs'
import { readBoardState, type BoardState } from '@guatu/shared/board/boardState'
import { CHINA_OFFSET_MS } from '@guatu/shared/domain/chinaTime'
import type { BoardService } from '../boards/boardService.ts'
import { RequestError } from '../requestError.ts'
import { buildMonthlyReport, type MonthlyReport, type PeriodStatusReader, type ReportMonth } from './monthlyReport.ts'

/** The month's first instant in Beijing, and the next month's. */
function monthBounds(month: ReportMonth): { startMs: number; nextMs: number } {
  return {
    startMs: Date.UTC(month.year, month.month - 1, 1) - CHINA_OFFSET_MS,
    nextMs: Date.UTC(month.year, month.month, 1) - CHINA_OFFSET_MS,
  }
}

/**
 * The 月报 of one month: the board as it stood when the month began (回头看; an empty board when it
 * did not exist yet) and when it ended (the live board for the running month). `periodStatus` is
 * the reporting cycle's 报送情况 (未报单位, 退回事项); absent, the report says periods are not in use.
 */
export async function monthlyReportOf(
  boards: BoardService,
  boardId: string,
  month: ReportMonth,
  periodStatus: PeriodStatusReader | undefined,
  now = Date.now(),
): Promise<MonthlyReport | undefined> {
  const record = await boards.record(boardId)
  if (!record) return undefined
  const { startMs, nextMs } = monthBounds(month)
  if (startMs > now) throw new RequestError(400, '该月份尚未开始')
  const read = (doc: Y.Doc) => readBoardState(doc, record.year)
  const endMs = nextMs - 1 > now ? undefined : nextMs - 1
  const end = await boards.withDoc(boardId, read, endMs)
  if (!end) return undefined
  const start = startMs <= Date.parse(record.createdAt) ? read(new Y.Doc()) : await pastOrEmpty(boards, boardId, read, startMs)
  return buildMonthlyReport({
    boardName: record.name,
    month,
    start: { state: start, at: new Date(startMs).toISOString() },
    end: { state: end, at: new Date(endMs ?? now).toISOString() },
    periodStatus: await periodStatus?.(boardId, month),
  })
}

/** Beyond the history kept (GUATU_HISTORY_RETENTION_DAYS) the month's start is unknown: refused, not guessed. */
async function pastOrEmpty(boards: BoardService, boardId: string, read: (doc: Y.Doc) => BoardState, at: number): Promise<BoardState> {
  const state = await boards.withDoc(boardId, read, at)
  if (!state) throw new RequestError(404, '看板不存在')
  return state
}
