import { memo, useEffect, useRef } from 'react'
import { ImportChoicesPanel } from './ImportChoicesPanel.tsx'
import { ImportPreviewTable } from './ImportPreviewTable.tsx'
import { useLedgerImport } from './useLedgerImport.ts'
import './ledger.css'

/**
 * 导入台账: choose the office's .xlsx, read the preview, then confirm. Rows with errors block the
 * whole import (the server writes all or nothing), and the button says why. After the import the
 * board fills in through the live connection like any other change.
 */
export const ImportDialog = memo(function ImportDialog({ boardId, onClose }: { boardId: string; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const { state, options, choose, choosePreviewOptions, choosePage, commit, reset } = useLedgerImport(boardId)
  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])

  const preview = state.status === 'preview' || state.status === 'committing' ? state.preview : undefined
  // Kept on screen while the file is read again with a new choice, so the panel does not jump.
  const choicesPreview = preview ?? (state.status === 'reading' ? state.previous : undefined)
  // Counted over the whole file by the server: the preview holds one page of rows.
  const errorRows = preview ? preview.counts.errorRows : 0
  const blocked = preview ? preview.counts.errors > 0 || errorRows > 0 : true
  const blockReason = preview && blocked ? `台账中有 ${Math.max(errorRows, preview.counts.errors)} 处错误，请在 Excel 中改正后重新选择文件` : undefined
  const fileName = 'file' in state && state.file ? state.file.name : undefined

  return (
    <dialog ref={dialogRef} className="import-dialog" aria-labelledby="import-title" data-testid="import-dialog" onClose={onClose}>
      <header className="panel-header">
        <h2 id="import-title">导入台账</h2>
        <button type="button" className="close-button" onClick={onClose}>
          关闭
        </button>
      </header>
      <div className="import-body">
        {state.status === 'done' ? (
          <p className="import-result" role="status" data-testid="import-result">
            导入完成：新建 {state.result.created} 个，更新 {state.result.updated} 个，无变化 {state.result.unchanged} 个。看板已同步更新。
          </p>
        ) : (
          <label className="import-file">
            选择台账文件（.xlsx、.xls、WPS 或 CSV）
            <input
              type="file"
              accept=".xlsx,.xls,.et,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv"
              data-testid="import-file-input"
              disabled={state.status === 'committing'}
              onChange={(event) => {
                const file = event.target.files?.[0]
                if (file) void choose(file)
                else reset()
              }}
            />
          </label>
        )}
        {fileName && state.status !== 'done' && <p className="field-hint">文件：{fileName}</p>}
        {state.status === 'reading' && <p role="status">正在读取台账…</p>}
        {state.status === 'failed' && (
          <p className="error-text" role="alert">
            {state.message}
          </p>
        )}
        {state.status === 'preview' && state.message && (
          <p className="error-text" role="alert">
            {state.message}
          </p>
        )}
        {choicesPreview && (
          <ImportChoicesPanel preview={choicesPreview} options={options} onChange={choosePreviewOptions} disabled={state.status !== 'preview'} />
        )}
        {preview && <ImportPreviewTable preview={preview} onPage={state.status === 'preview' ? choosePage : undefined} />}
      </div>
      <footer className="import-footer">
        {preview && (
          <>
            <span className={blockReason ? 'error-text' : 'field-hint'} id="import-commit-reason">
              {blockReason ?? `将新建 ${preview.creates} 个、更新 ${preview.updates} 个项目`}
            </span>
            <button
              type="button"
              className="primary-button"
              data-testid="import-commit"
              disabled={blocked || state.status === 'committing'}
              aria-describedby="import-commit-reason"
              onClick={() => void commit()}
            >
              {state.status === 'committing' ? '正在导入…' : '确认导入'}
            </button>
          </>
        )}
        {state.status === 'done' && (
          <button type="button" className="primary-button" onClick={onClose}>
            完成
          </button>
        )}
      </footer>
    </dialog>
  )
})
