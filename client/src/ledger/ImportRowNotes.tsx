import type { ImportIssue } from '@guatu/shared/ledger/importPreview'

/** Errors (错误) and hints (提示) of an import preview, each with its column. */
export function IssueList({ issues }: { issues: readonly ImportIssue[] }) {
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

/**
 * What an import preview says of one row: the changes it makes, its errors and hints, and what was
 * inferred (推定) and from where. Shared by the ledger's and the 项目库's import previews.
 */
export function ImportRowNotes({
  changes,
  issues,
  inferred,
  inferredTestId,
}: {
  changes: readonly string[] | undefined
  issues: readonly ImportIssue[]
  inferred: readonly string[]
  inferredTestId: string
}) {
  return (
    <>
      {changes && changes.length > 0 && (
        <ul className="import-changes">
          {changes.map((change, i) => (
            <li key={i}>{change}</li>
          ))}
        </ul>
      )}
      <IssueList issues={issues} />
      {inferred.length > 0 && (
        <ul className="import-inferred" data-testid={inferredTestId}>
          {inferred.map((note, i) => (
            <li key={i}>推定：{note}</li>
          ))}
        </ul>
      )}
    </>
  )
}
