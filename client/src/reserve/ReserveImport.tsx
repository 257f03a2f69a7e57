import { memo, useState } from 'react'
import {
  RESERVE_IMPORT_ACTION_LABEL,
  RESERVE_MATCH_LABEL,
  type ReserveImportPreview,
  type ReserveImportResult,
  type ReserveImportRow,
} from '@guatu/shared/api/reserveImport'
import { commitReserveImport, previewReserveImport } from '../api/reserveApi.ts'
import { ImportRowNotes, IssueList } from '../ledger/ImportRowNotes.tsx'
import '../ledger/ledger.css'

type ImportState =
  | { status: 'idle' }
  | { status: 'reading'; file: File }
  | { status: 'failed'; file?: File; message: string }
  | { status: 'preview'; file: File; preview: ReserveImportPreview; message?: string }
  | { status: 'committing'; file: File; preview: ReserveImportPreview }
  | { status: 'done'; result: ReserveImportResult }

const messageOf = (error: unknown) => (error instanceof Error ? error.message : '导入失败，请重试')

/**
 * 导入项目库 (the 项目办): choose the workbook, read what the import would do with each row — which
 * candidate it matched and how, what changes, what was inferred and from what — then confirm.
 * A row with an error blocks the whole import (the server writes all or nothing).
 */
export const ReserveImport = memo(function ReserveImport({ onImported, onClose }: { onImported: () => void; onClose: () => void }) {
  const [state, setState] = useState<ImportState>({ status: 'idle' })

  const choose = (file: File) => {
    setState({ status: 'reading', file })
    previewReserveImport(file).then(
      (preview) => setState({ status: 'preview', file, preview }),
      (error: unknown) => setState({ status: 'failed', file, message: messageOf(error) }),
    )
  }
  const commit = (file: File, preview: ReserveImportPreview) => {
    setState({ status: 'committing', file, preview })
    commitReserveImport(file).then(
      (outcome) => {
        if (outcome.ok) {
          setState({ status: 'done', result: outcome.result })
          onImported()
        } else setState({ status: 'preview', file, preview: outcome.preview ?? preview, message: outcome.message })
      },
      (error: unknown) => setState({ status: 'preview', file, preview, message: messageOf(error) }),
    )
  }

  const preview = state.status === 'preview' || state.status === 'committing' ? state.preview : undefined
  const blockReason = preview && preview.errorRows > 0 ? `有 ${preview.errorRows} 行有错误，请在 Excel 中改正后重新选择文件` : undefined
  return (
    <section className="reserve-import" aria-labelledby="reserve-import-title" data-testid="reserve-import">
      <header className="reserve-import-head">
        <h2 id="reserve-import-title">导入项目库</h2>
        <button type="button" onClick={onClose}>
          关闭
        </button>
      </header>
      {state.status === 'done' ? (
        <p className="import-result" role="status" data-testid="reserve-import-result">
          导入完成：新增 {state.result.created} 个，更新 {state.result.updated} 个，无变化 {state.result.unchanged} 个
          {state.result.kept > 0 ? `，已列入看板未修改 ${state.result.kept} 个` : ''}。新增的储备项目待审核。
        </p>
      ) : (
        <label className="import-file">
          选择项目库文件（.xlsx、.xls、WPS 或 CSV；可含“储备级别”“来源单位”“项目代码”列）
          <input
            type="file"
            accept=".xlsx,.xls,.et,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv"
            data-testid="reserve-import-file"
            disabled={state.status === 'committing'}
            onChange={(event) => {
              const file = event.target.files?.[0]
              if (file) choose(file)
              else setState({ status: 'idle' })
            }}
          />
        </label>
      )}
      {state.status === 'reading' && <p role="status">正在读取项目库文件…</p>}
      {(state.status === 'failed' || (state.status === 'preview' && state.message)) && (
        <p className="error-text" role="alert">
          {state.message}
        </p>
      )}
      {preview && <ReserveImportPreviewTable preview={preview} />}
      {preview && (
        <footer className="import-footer">
          <span className={blockReason ? 'error-text' : 'field-hint'} id="reserve-import-reason">
            {blockReason ?? `将新增 ${preview.creates} 个、更新 ${preview.updates} 个储备项目`}
          </span>
          <button
            type="button"
            className="primary-button"
            data-testid="reserve-import-commit"
            disabled={blockReason !== undefined || state.status === 'committing'}
            aria-describedby="reserve-import-reason"
            onClick={() => (state.status === 'preview' ? commit(state.file, preview) : undefined)}
          >
            {state.status === 'committing' ? '正在导入…' : '确认导入'}
          </button>
        </footer>
      )}
    </section>
  )
})

const ReserveImportPreviewTable = memo(function ReserveImportPreviewTable({ preview }: { preview: ReserveImportPreview }) {
  return (
    <div className="import-preview" data-testid="reserve-import-preview">
      <p className="import-summary" data-testid="reserve-import-summary">
        新增 <strong>{preview.creates}</strong> 个 / 更新 <strong>{preview.updates}</strong> 个 / 无变化 <strong>{preview.unchanged}</strong> 个
        {preview.kept > 0 && (
          <>
            {' '}
            / 已列入看板 <strong>{preview.kept}</strong> 个
          </>
        )}
        {preview.errorRows > 0 && <span className="issue-error"> · {preview.errorRows} 行有错误</span>}
      </p>
      <IssueList issues={preview.notes} />
      {preview.rowCount > preview.rows.length && (
        <p className="field-hint">
          列出前 {preview.rows.length} 行，共 {preview.rowCount} 行（计数为全部行）
        </p>
      )}
      <div className="import-table-scroll">
        <table className="data-table import-table">
          <thead>
            <tr>
              <th scope="col">Excel行号</th>
              <th scope="col">处理</th>
              <th scope="col">项目名称</th>
              <th scope="col">责任单位</th>
              <th scope="col">变化、推定与问题</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <PreviewRow key={`${row.sheetName}-${row.rowNumber}`} row={row} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
})

function PreviewRow({ row }: { row: ReserveImportRow }) {
  return (
    <tr
      className={`import-row action-${row.action}`}
      data-testid={row.action === 'error' ? 'reserve-import-row-error' : 'reserve-import-row'}
      data-row={row.rowNumber}
      data-action={row.action}
    >
      <td className="numeric">第 {row.rowNumber} 行</td>
      <td>
        <span className={`action-tag action-${row.action}`}>{RESERVE_IMPORT_ACTION_LABEL[row.action]}</span>
        {row.matchedBy && <span className="field-hint"> · {RESERVE_MATCH_LABEL[row.matchedBy]}</span>}
      </td>
      <td>{row.name || '（无名称）'}</td>
      <td>{row.unit || '（空）'}</td>
      <td>
        <ImportRowNotes changes={row.changes} issues={row.issues} inferred={row.inferred} inferredTestId="reserve-import-inferred" />
      </td>
    </tr>
  )
}
