import { centsToWan, formatYi, sumCents, wanToCents, type WanAmount } from '@guatu/shared/domain/money'
import { PROJECT_FIELD_LABEL } from '@guatu/shared/domain/projectFieldLabels'
import { IssueSeverity, type LedgerIssue } from './ledgerTypes.ts'

/** The rows of one sheet in order, as far as the office's own checks need them. */
export type SheetMark =
  | { kind: 'section'; rowNumber: number; label: string; level: number; declaredCount?: number }
  | { kind: 'subtotal'; rowNumber: number; grand: boolean; total?: { text: string; amount: WanAmount } }
  | { kind: 'project'; rowNumber: number; amount: WanAmount | undefined }

interface OpenSection {
  rowNumber: number
  label: string
  level: number
  declaredCount?: number
  count: number
}

/**
 * The office's own arithmetic, checked: a 小计 against the projects since the section heading (or
 * the previous 小计), a 合计/总计 against every project of the sheet, and a heading's "（12个）"
 * against the project rows under it (up to the next heading of the same or a higher level). A
 * mismatch means a row was read wrongly or the sheet's formula missed rows — worth a warning
 * either way, with both figures, never a silent pass.
 */
export function checkSections(marks: readonly SheetMark[], sheetName: string, hasTotalColumn: boolean): LedgerIssue[] {
  const issues: LedgerIssue[] = []
  const open: OpenSection[] = []
  const closeFrom = (level: number) => {
    while (open.length > 0 && (open.at(-1)?.level ?? 0) >= level) {
      const section = open.pop() as OpenSection
      if (section.declaredCount !== undefined && section.declaredCount !== section.count) {
        issues.push({
          sheetName,
          rowNumber: section.rowNumber,
          severity: IssueSeverity.warning,
          message: `分组“${section.label}”写明${section.declaredCount}个项目，其下实际有${section.count}个项目行`,
        })
      }
    }
  }
  let sinceMark: (WanAmount | undefined)[] = []
  const all: (WanAmount | undefined)[] = []
  for (const mark of marks) {
    switch (mark.kind) {
      case 'section':
        closeFrom(mark.level)
        open.push({
          rowNumber: mark.rowNumber,
          label: mark.label,
          level: mark.level,
          count: 0,
          ...(mark.declaredCount !== undefined ? { declaredCount: mark.declaredCount } : {}),
        })
        sinceMark = []
        break
      case 'project':
        for (const section of open) section.count++
        sinceMark.push(mark.amount)
        all.push(mark.amount)
        break
      case 'subtotal': {
        if (hasTotalColumn && mark.total) {
          const rows = mark.grand ? all : sinceMark
          const computed = sumCents(rows.flatMap((amount) => (amount ? [amount] : [])))
          if (computed !== wanToCents(mark.total.amount)) {
            const what = mark.grand ? '合计行' : '小计行'
            const scope = mark.grand ? `全表${rows.length}个项目` : `本组${rows.length}个项目`
            issues.push({
              sheetName,
              rowNumber: mark.rowNumber,
              column: PROJECT_FIELD_LABEL.totalInvestment,
              severity: IssueSeverity.warning,
              message: `${what}总投资为${formatYi(wanToCents(mark.total.amount), 2)}亿元（表中写作“${mark.total.text}”，合${mark.total.amount}万元），与${scope}逐行相加的${formatYi(computed, 2)}亿元（${centsToWan(computed)}万元）不一致`,
            })
          }
        }
        if (!mark.grand) sinceMark = []
        break
      }
    }
  }
  closeFrom(0)
  return issues
}
