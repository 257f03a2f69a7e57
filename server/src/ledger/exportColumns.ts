import type { IsoDate } from '@guatu/shared/domain/dates'
import { INDUSTRY_LABEL } from '@guatu/shared/domain/industry'
import { addCents, centsToWan, wanToCents, type WanAmount } from '@guatu/shared/domain/money'
import { NATURE_LABEL } from '@guatu/shared/domain/nature'
import type { Problem } from '@guatu/shared/domain/problem'
import type { Project } from '@guatu/shared/domain/project'
import { STAGE_LABEL } from '@guatu/shared/domain/stage'
import { wanToYiText } from './parseMoney.ts'
import { formatProblemLine } from './problemText.ts'

export const ExportCellKind = {
  text: 'text',
  number: 'number',
  money: 'money',
  date: 'date',
} as const
export type ExportCellKind = (typeof ExportCellKind)[keyof typeof ExportCellKind]

export interface ExportColumn {
  header: string
  /** Excel column width in characters. */
  width: number
  kind: ExportCellKind
  value(project: Project, problems: readonly Problem[]): string | number | Date | undefined
  /** Money columns: the amount that the 合计 row adds up. */
  amount?(project: Project): WanAmount
}

const text = (header: string, width: number, value: (project: Project, problems: readonly Problem[]) => string): ExportColumn => ({
  header,
  width,
  kind: ExportCellKind.text,
  value,
})
const money = (header: string, field: 'totalInvestment' | 'annualPlanInvestment' | 'completedInvestment'): ExportColumn => ({
  header,
  width: 12,
  kind: ExportCellKind.money,
  // Up to six decimals of 亿元 is exactly 0.01 万元: the cell shows 0.00 but holds every 万元 cent.
  value: (project) => Number(wanToYiText(project[field])),
  amount: (project) => project[field],
})
const date = (
  header: string,
  field: 'plannedSignDate' | 'plannedStartDate' | 'plannedProduceDate' | 'actualSignDate' | 'actualStartDate' | 'actualProduceDate',
): ExportColumn => ({
  header,
  width: 12,
  kind: ExportCellKind.date,
  value: (project) => dateValue(project[field]),
})
/** An unknown 是否入库 stays blank: a 否 would say the office checked and it is not. */
const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? '是' : '否')

/** A real Excel date at midnight UTC, which exceljs writes as the day's serial number. */
function dateValue(date: IsoDate | undefined): Date | undefined {
  return date === undefined ? undefined : new Date(`${date}T00:00:00Z`)
}

/** The standard 台账 columns, in the order offices use (docs: DOMAIN.md), as parseLedgerWorkbook reads them. */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: '序号', width: 6, kind: ExportCellKind.number, value: (project) => project.seq },
  text('项目名称', 30, (project) => project.name),
  text('建设性质', 8, (project) => (project.nature ? NATURE_LABEL[project.nature] : '')),
  text('产业类别', 9, (project) => (project.industry ? INDUSTRY_LABEL[project.industry] : '')),
  text('产业集群', 10, (project) => project.cluster),
  text('建设地点', 12, (project) => project.location),
  text('建设内容及规模', 36, (project) => project.scope),
  money('总投资(亿元)', 'totalInvestment'),
  money('年度计划投资(亿元)', 'annualPlanInvestment'),
  money('已完成投资(亿元)', 'completedInvestment'),
  text('当前阶段', 8, (project) => STAGE_LABEL[project.stage]),
  date('计划签约时间', 'plannedSignDate'),
  date('计划开工时间', 'plannedStartDate'),
  date('计划投产时间', 'plannedProduceDate'),
  date('实际签约时间', 'actualSignDate'),
  date('实际开工时间', 'actualStartDate'),
  date('实际投产时间', 'actualProduceDate'),
  text('责任单位', 12, (project) => project.unit),
  text('包抓领导', 14, (project) => project.leaders.join('、')),
  text('责任人', 8, (project) => project.owner),
  text('联系电话', 14, (project) => project.phone),
  text('形象进度', 30, (project) => project.progressNote),
  text('存在问题', 44, (_project, problems) => problems.map(formatProblemLine).join('\n')),
  text('是否入库', 8, (project) => yesNo(project.registered)),
  text('是否政府投资', 10, (project) => yesNo(project.governmentFunded)),
  // Last, so files and scripts that read the columns by position keep working.
  text('项目代码', 26, (project) => project.projectCode ?? ''),
  // Degrees as numbers, read back by the import's 经度/纬度 columns; last, so older layouts keep their places.
  { header: '经度', width: 11, kind: ExportCellKind.number, value: (project) => project.coordinates?.lng },
  { header: '纬度', width: 10, kind: ExportCellKind.number, value: (project) => project.coordinates?.lat },
]

/**
 * 开工以来累计完成投资: the years before this board (carried by the rollover) plus this year's
 * 已完成投资, exact. Blank when the earlier years are unknown for a project started before this
 * year: a figure of this year alone under that header would understate it.
 */
export function sinceStartInvestment(project: Project, year: number): WanAmount | undefined {
  const startedThisYear = project.actualStartDate !== undefined && Number(project.actualStartDate.slice(0, 4)) >= year
  if (project.cumulativeInvestment === undefined && !startedThisYear) return undefined
  return centsToWan(addCents(wanToCents(project.cumulativeInvestment ?? ('0' as WanAmount)), wanToCents(project.completedInvestment)))
}

/** `?lineage=1` adds what a project carries across years: 开工以来累计完成投资 and 开工年份. */
export function lineageColumns(year: number): readonly ExportColumn[] {
  return [
    {
      header: '开工以来累计完成投资(亿元)',
      width: 14,
      kind: ExportCellKind.money,
      value: (project) => {
        const amount = sinceStartInvestment(project, year)
        return amount === undefined ? undefined : Number(wanToYiText(amount))
      },
      amount: (project) => sinceStartInvestment(project, year) ?? ('0' as WanAmount),
    },
    {
      header: '开工年份',
      width: 8,
      kind: ExportCellKind.number,
      value: (project) => (project.actualStartDate ? Number(project.actualStartDate.slice(0, 4)) : undefined),
    },
  ]
}
