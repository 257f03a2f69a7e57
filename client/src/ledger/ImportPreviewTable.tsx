import { memo } from 'react'
import { formatYi, isWanAmount, wanToCents } from '@guatu/shared/domain/money'
import { IMPORT_ACTION_LABEL, type ImportIssue, type ImportPreview } from '../api/ledgerApi.ts'

function IssueList({ issues }: { issues: readonly ImportIssue[] }) {
  if (issues.length === 0) return null
  return (
    <ul className="import-issues">
      {issues.map((issue, i) => (
        <li key={i} className={`import-issue issue-${issue.severity}`}>
          {issue.severity === 'error' ? '错误' : '提示'}
          {issue.column ? `（${issue.column}）` : ''}：{issue.message}
        </li>
      ))}
    </ul>
  )
}

/** Every row of the ledger with what the import does to it and why; Excel row numbers as Excel shows them. */
export const ImportPreviewTable = memo(function ImportPreviewTable({ preview }: { preview: ImportPreview }) {
  const sheetIssues = [...preview.errors, ...preview.warnings].filter((issue) => issue.rowNumber === undefined)
  return (
    <div className="import-preview" data-testid="import-preview">
      <p className="import-summary" data-testid="import-summary">
        新建 <strong>{preview.creates}</strong> 个 / 更新 <strong>{preview.updates}</strong> 个 / 无变化{' '}
        <strong>{preview.unchanged}</strong> 个 · 读取 {preview.totals.rows} 行，可导入 {preview.totals.projects} 个项目，总投资{' '}
        {isWanAmount(preview.totals.totalInvestmentWan) ? `${formatYi(wanToCents(preview.totals.totalInvestmentWan))} 亿元` : '—'}
        {preview.errors.length > 0 && <span className="issue-error"> · {preview.errors.length} 个错误</span>}
        {preview.warnings.length > 0 && <span className="issue-warning"> · {preview.warnings.length} 个提示</span>}
      </p>
      <IssueList issues={sheetIssues} />
      <div className="import-table-scroll">
        <table className="data-table import-table">
          <thead>
            <tr>
              <th scope="col">Excel行号</th>
              <th scope="col">处理</th>
              <th scope="col">项目名称</th>
              <th scope="col">变化与问题</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => {
              const hasError = row.action === 'error' || row.issues.some((issue) => issue.severity === 'error')
              return (
                <tr
                  key={row.rowNumber}
                  className={`import-row action-${row.action}`}
                  data-testid={hasError ? 'import-row-error' : 'import-row'}
                  data-row={row.rowNumber}
                >
                  <td className="numeric">第 {row.rowNumber} 行</td>
                  <td>
                    <span className={`action-tag action-${row.action}`}>{IMPORT_ACTION_LABEL[row.action]}</span>
                  </td>
                  <td>{row.name || '（无名称）'}</td>
                  <td>
                    {row.changes.length > 0 && (
                      <ul className="import-changes">
                        {row.changes.map((change, i) => (
                          <li key={i}>{change}</li>
                        ))}
                      </ul>
                    )}
                    <IssueList issues={row.issues} />
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
