import { downloadFile } from './http.ts'

export type MonthlyReportFormat = 'docx' | 'xlsx'

/** 月报 of a month (YYYY-MM) as Word or Excel, figures as the server computes them from confirmed values. */
export function downloadMonthlyReport(boardId: string, month: string, format: MonthlyReportFormat): Promise<string> {
  return downloadFile(`/api/boards/${encodeURIComponent(boardId)}/monthly-report.${format}?month=${encodeURIComponent(month)}`, `月报-${month}.${format}`)
}
