import { memo, useState } from 'react'
import { downloadMonthlyReport, type MonthlyReportFormat } from '../api/monthlyReportApi.ts'
import { useChinaToday } from './useChinaToday.ts'

/** 下载月报: the chosen month (this month by default) as Word (公文 layout) or Excel. */
export const MonthlyReportDownload = memo(function MonthlyReportDownload({ boardId, onError }: { boardId: string; onError: (message: string) => void }) {
  const thisMonth = useChinaToday().slice(0, 7)
  const [month, setMonth] = useState('')
  const [busy, setBusy] = useState(false)
  const chosen = month || thisMonth
  const download = (format: MonthlyReportFormat) => {
    setBusy(true)
    downloadMonthlyReport(boardId, chosen, format)
      .catch((error: unknown) => onError(error instanceof Error ? error.message : '月报导出失败'))
      .finally(() => setBusy(false))
  }
  return (
    <span className="monthly-report-download" data-testid="monthly-report">
      <label>
        月报月份
        <input type="month" value={chosen} max={thisMonth} onChange={(event) => setMonth(event.target.value)} data-testid="monthly-report-month" />
      </label>
      <button type="button" disabled={busy} onClick={() => download('docx')} data-testid="monthly-report-docx">
        下载月报（Word）
      </button>
      <button type="button" disabled={busy} onClick={() => download('xlsx')} data-testid="monthly-report-xlsx">
        下载月报（Excel）
      </button>
    </span>
  )
})
