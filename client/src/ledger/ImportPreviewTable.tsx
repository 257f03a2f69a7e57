import { memo } from 'react'
import { formatYi, isWanAmount, wanToCents } from '@guatu/shared/domain/money'
import { STAGE_LABEL } from '@guatu/shared/domain/stage'
import { IMPORT_ACTION_LABEL, type ImportPreview, type ImportPreviewRow } from '../api/ledgerApi.ts'
import { ImportRowNotes, IssueList } from './ImportRowNotes.tsx'

/** 开工 · 进度文字“已开工”: the stage a row goes to, and what said so. */
function StageCell({ row }: { row: ImportPreviewRow }) {
  const evidence = row.stageEvidence ? `“${row.stageEvidence}”` : ''
  return (
    <td data-testid="import-stage-source" data-stage={row.stage} data-source={row.stageSource}>
      <strong>{STAGE_LABEL[row.stage]}</strong>
      <span className={`stage-source stage-source-${row.stageSource}`}>
        {' · '}
        {row.stageSourceLabel}
        {evidence}
      </span>
    </td>
  )
}

/** 第 1–200 行，共 2,000 行 · 上一页 / 下一页: the server answers one page of rows at a time. */
function PageControls({ preview, onPage }: { preview: ImportPreview; onPage: ((offset: number) => void) | undefined }) {
  const { offset, limit, rowCount } = preview.page
  if (rowCount <= preview.rows.length && offset === 0) return null
  const last = Math.min(rowCount, offset + preview.rows.length)
  return (
    <nav className="import-pages" aria-label="预览分页" data-testid="import-pages">
      <span>
        第 {offset + 1}–{last} 行，共 {rowCount} 行
      </span>
      <button type="button" disabled={!onPage || offset === 0} onClick={() => onPage?.(Math.max(0, offset - limit))}>
        上一页
      </button>
      <button type="button" data-testid="import-next-page" disabled={!onPage || last >= rowCount} onClick={() => onPage?.(offset + limit)}>
        下一页
      </button>
    </nav>
  )
}

/**
 * The ledger's rows, a page at a time, with what the import does to each and why; Excel row
 * numbers as Excel shows them. Counts and totals are the whole file's.
 */
export const ImportPreviewTable = memo(function ImportPreviewTable({
  preview,
  onPage,
}: {
  preview: ImportPreview
  onPage?: ((offset: number) => void) | undefined
}) {
  const sheetIssues = [...preview.errors, ...preview.warnings].filter((issue) => issue.rowNumber === undefined)
  const manySheets = preview.sheets.filter((sheet) => sheet.chosen).length > 1
  // Issues on headings and totals, not on a project row: the server lists them whatever the page shows.
  const rowIssuesOutsideProjects = preview.checks
  return (
    <div className="import-preview" data-testid="import-preview">
      <p className="import-summary" data-testid="import-summary">
        新建 <strong>{preview.creates}</strong> 个 / 更新 <strong>{preview.updates}</strong> 个 / 无变化 <strong>{preview.unchanged}</strong> 个 · 读取{' '}
        {preview.totals.rows} 行，可导入 {preview.totals.projects} 个项目，总投资{' '}
        {isWanAmount(preview.totals.totalInvestmentWan) ? `${formatYi(wanToCents(preview.totals.totalInvestmentWan))} 亿元` : '—'}
        {preview.counts.errors > 0 && <span className="issue-error"> · {preview.counts.errors} 个错误</span>}
        {preview.counts.warnings > 0 && <span className="issue-warning"> · {preview.counts.warnings} 个提示</span>}
      </p>
      <IssueList issues={sheetIssues} />
      {rowIssuesOutsideProjects.length > 0 && (
        <ul className="import-issues" data-testid="import-check-issues">
          {rowIssuesOutsideProjects.map((issue, i) => (
            <li key={i} className="import-issue issue-warning">
              {manySheets && issue.sheetName ? `「${issue.sheetName}」` : ''}第 {issue.rowNumber} 行：{issue.message}
            </li>
          ))}
        </ul>
      )}
      <PageControls preview={preview} onPage={onPage} />
      <div className="import-table-scroll">
        <table className="data-table import-table">
          <thead>
            <tr>
              <th scope="col">Excel行号</th>
              <th scope="col">处理</th>
              <th scope="col">项目名称</th>
              <th scope="col">阶段 · 依据</th>
              <th scope="col">变化与问题</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => {
              const hasError = row.action === 'error' || row.issues.some((issue) => issue.severity === 'error')
              return (
                <tr
                  key={`${row.sheetName}-${row.rowNumber}`}
                  className={`import-row action-${row.action}`}
                  data-testid={hasError ? 'import-row-error' : 'import-row'}
                  data-row={row.rowNumber}
                >
                  <td className="numeric">
                    {manySheets ? `「${row.sheetName}」` : ''}第 {row.rowNumber} 行
                  </td>
                  <td>
                    <span className={`action-tag action-${row.action}`}>{IMPORT_ACTION_LABEL[row.action]}</span>
                  </td>
                  <td>{row.name || '（无名称）'}</td>
                  <StageCell row={row} />
                  <td>
                    <ImportRowNotes changes={row.changes} issues={row.issues} inferred={row.inferred} inferredTestId="import-row-inferred" />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </div>
  )
})
