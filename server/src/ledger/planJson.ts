import { PROBLEM_CATEGORY_LABEL } from '@guatu/shared/domain/problem'
import { PROJECT_FIELD_LABEL, formatFieldValue } from '@guatu/shared/domain/projectFieldLabels'
import type { ImportPlan, PlannedUpdate, RowAction } from './importPlan.ts'
import type { LedgerIssue } from './ledgerTypes.ts'

/** What the REST preview (and the CLI) shows: counts, and per row what happens and why. */
export interface ImportPlanJson {
  creates: number
  updates: number
  unchanged: number
  rows: {
    rowNumber: number
    action: RowAction
    name: string
    /** Chinese summaries: "总投资：5.78亿元 → 6.10亿元", "新增问题：[土地] 用地指标未落实". */
    changes?: string[]
    issues: LedgerIssue[]
  }[]
  errors: LedgerIssue[]
  warnings: LedgerIssue[]
  totals: ImportPlan['totals']
}

export function importPlanToJson(plan: ImportPlan): ImportPlanJson {
  const updatesByRow = new Map(plan.updates.map((update) => [update.rowNumber, update]))
  return {
    creates: plan.creates.length,
    updates: plan.updates.length,
    unchanged: plan.unchanged,
    rows: plan.rows.map((row) => {
      const update = updatesByRow.get(row.rowNumber)
      const base = { rowNumber: row.rowNumber, action: row.action, name: row.name, issues: row.issues }
      return update ? { ...base, changes: describeUpdate(update) } : base
    }),
    errors: plan.errors,
    warnings: plan.warnings,
    totals: plan.totals,
  }
}

function describeUpdate(update: PlannedUpdate): string[] {
  return [
    ...update.changes.map(
      ({ field, from, to }) => `${PROJECT_FIELD_LABEL[field]}：${formatFieldValue(field, from)} → ${formatFieldValue(field, to)}`,
    ),
    ...update.newProblems.map((problem) => `新增问题：[${PROBLEM_CATEGORY_LABEL[problem.category]}] ${problem.description}`),
  ]
}
