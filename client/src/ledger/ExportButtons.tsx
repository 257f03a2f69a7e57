import { memo, useState } from 'react'
import { isFilterEmpty, type ProjectFilter } from '@guatu/shared/board/projectFilter'
import { canReadBoard } from '@guatu/shared/domain/permissions'
import { exportLedger } from '../api/ledgerApi.ts'
import { usePrincipal } from '../auth/usePrincipal.ts'
import './ledger.css'

const FALLBACK_FILE_NAME = '重点项目台账.xlsx'

/**
 * 导出Excel: the 台账 as the office keeps it. With a filter on, 导出当前筛选 exports what the board
 * shows (the server applies the same filter from the same query string) and 导出全部 everything.
 */
export const ExportButtons = memo(function ExportButtons({ boardId, filter }: { boardId: string; filter: ProjectFilter }) {
  const principal = usePrincipal()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>()
  if (!canReadBoard(principal, boardId)) return null
  const filtered = !isFilterEmpty(filter)
  const run = async (which: ProjectFilter | undefined) => {
    setBusy(true)
    setError(undefined)
    try {
      await exportLedger(boardId, which, FALLBACK_FILE_NAME)
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : '导出失败')
    } finally {
      setBusy(false)
    }
  }
  return (
    <span className="export-buttons">
      <button type="button" data-testid="export-button" disabled={busy} onClick={() => void run(filtered ? filter : undefined)}>
        {busy ? '正在导出…' : filtered ? '导出当前筛选' : '导出Excel'}
      </button>
      {filtered && (
        <button type="button" data-testid="export-all-button" disabled={busy} onClick={() => void run(undefined)}>
          导出全部
        </button>
      )}
      {error && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
    </span>
  )
})
