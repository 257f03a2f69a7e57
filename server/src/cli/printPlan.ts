import type { ImportPlanJson } from '../ledger/planJson.ts'
import type { LedgerIssue } from '../ledger/ledgerTypes.ts'
import { formatYi, wanToCents, type WanAmount } from '@guatu/shared/domain/money'

const ACTION_LABEL: Record<ImportPlanJson['rows'][number]['action'], string> = {
  create: '新增',
  update: '更新',
  unchanged: '无变化',
  error: '有错误',
}

const MAX_LISTED_CREATES = 30

function issueLine(issue: LedgerIssue): string {
  const where = [issue.rowNumber !== undefined ? `第${issue.rowNumber}行` : '整表', issue.column ? `“${issue.column}”` : ''].join('')
  return `  ${issue.severity === 'error' ? '错误' : '提示'}  ${where}：${issue.message}`
}

/** The preview or result of an import as lines of Chinese text for a terminal. */
export function describePlan(plan: ImportPlanJson, dryRun: boolean): string[] {
  const lines = [
    dryRun ? '导入预览（未写入看板）：' : '导入结果：',
    `  读取项目行 ${plan.totals.rows} 行，可导入 ${plan.totals.projects} 个项目，总投资 ${formatYi(wanToCents(plan.totals.totalInvestmentWan as WanAmount))} 亿元`,
    `  新增 ${plan.creates} 个，更新 ${plan.updates} 个，无变化 ${plan.unchanged} 个，错误 ${plan.counts.errors} 处，提示 ${plan.counts.warnings} 处`,
    plan.reportDate ? `  填报日期 ${plan.reportDate.date}（来源：${plan.reportDate.sourceLabel}）` : '  未找到填报日期：实际日期未与填报日期核对',
  ]
  // A first import creates hundreds of projects: list them only when the list is readable.
  const listCreates = plan.creates <= MAX_LISTED_CREATES
  const changed = plan.rows.filter((row) => row.action === 'update' || (listCreates && row.action === 'create'))
  if (changed.length > 0) lines.push('', '变更明细：')
  if (!listCreates) lines.push(`  （新增 ${plan.creates} 个项目，不逐一列出）`)
  for (const row of changed) {
    const evidence = row.stageEvidence ? `“${row.stageEvidence}”` : ''
    lines.push(`  第${row.rowNumber}行 ${ACTION_LABEL[row.action]}：${row.name}（阶段依据：${row.stageSourceLabel}${evidence}）`)
    for (const change of row.changes ?? []) lines.push(`      ${change}`)
    for (const note of row.inferred) lines.push(`      推定：${note}`)
  }
  // The server answers the first page of rows and the first issues; the counts above are the whole file's.
  if (plan.page.rowCount > plan.rows.length)
    lines.push(`  （共 ${plan.page.rowCount} 行，以上为第 ${plan.page.offset + 1}–${plan.page.offset + plan.rows.length} 行）`)
  if (plan.errors.length > 0) lines.push('', '错误（有错误时不会导入任何数据）：', ...plan.errors.map(issueLine))
  if (plan.counts.errors > plan.errors.length) lines.push(`  （另有 ${plan.counts.errors - plan.errors.length} 处错误未列出）`)
  if (plan.warnings.length > 0) lines.push('', '提示：', ...plan.warnings.map(issueLine))
  if (plan.counts.warnings > plan.warnings.length) lines.push(`  （另有 ${plan.counts.warnings - plan.warnings.length} 处提示未列出）`)
  return lines
}
