import { checkFigures, MONEY_FIELD_LABEL, MONEY_FIELDS, trustedFigures, type Figures, type MoneyField } from '@guatu/shared/domain/figureCheck'
import { ZERO_WAN } from '@guatu/shared/domain/money'
import type { Project } from '@guatu/shared/domain/project'
import { IssueSeverity, type LedgerIssue, type ParsedRow } from './ledgerTypes.ts'

/**
 * The panel's plausibility checks (shared/domain/figureCheck) for one ledger row, as warnings in
 * the import preview: 已完成 or 年度计划 above 总投资, a change of more than 10× against the card,
 * 亿元 written into a 万元 column. The project office reads them before it commits, and its commit
 * is the confirmation, so imported figures are not flagged 待确认.
 */
export function figureWarnings(row: ParsedRow, existing: Project | undefined): LedgerIssue[] {
  const stated = MONEY_FIELDS.filter((field) => row.fields[field] !== undefined && !row.defaulted.includes(field))
  if (stated.length === 0) return []
  const base: Figures = existing
    ? { totalInvestment: existing.totalInvestment, annualPlanInvestment: existing.annualPlanInvestment, completedInvestment: existing.completedInvestment }
    : { totalInvestment: ZERO_WAN, annualPlanInvestment: ZERO_WAN, completedInvestment: ZERO_WAN }
  const after: Figures = { ...base, ...Object.fromEntries(stated.map((field) => [field, row.fields[field]])) }
  const changed: MoneyField[] = existing ? stated.filter((field) => after[field] !== base[field]) : stated
  const before = existing ? trustedFigures(base, existing.unconfirmedFigures) : undefined
  return checkFigures(after, before, changed).map((concern) => ({
    rowNumber: row.rowNumber,
    column: MONEY_FIELD_LABEL[concern.field],
    severity: IssueSeverity.warning,
    message: `请核对：${concern.message}`,
  }))
}
