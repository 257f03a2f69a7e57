import { AlignmentType, BorderStyle, LineRuleType, Paragraph, Table, TableRow, WidthType } from 'docx'
import { formatChineseDate } from '@guatu/shared/domain/dates'
import { formatYi } from '@guatu/shared/domain/money'
import { chineseNumeral } from '@guatu/shared/domain/minutes'
import { BOARD_CHANGE_LABEL } from '@guatu/shared/api/lookback'
import { formatTenths } from '@guatu/shared/progress/fraction'
import { LIGHTS, LIGHT_LABEL } from '@guatu/shared/progress/lights'
import type { Completion } from '@guatu/shared/progress/completion'
import { newWorkbook } from '../ledger/newWorkbook.ts'
import { stripXmlUnsafeText } from '../ledger/xmlSafeWorkbook.ts'
import { BLACK, body, cell, figure, FONT, gongwenDocx, heading, LINE_TWIPS, run, SIZE } from '../meetings/minutesDocx.ts'
import type { MonthlyReport } from './monthlyReport.ts'

/** "45.0%", or "—" without a plan. */
export function rateText(completion: Completion): string {
  return completion.rate ? `${formatTenths(completion.rate.percentTenths)}%` : '—'
}

/** The lines of the report, shared by Word and Excel so both say the same. */
export function summaryLines(report: MonthlyReport): string[] {
  const { totals, investment } = report
  return [
    `截至${formatChineseDate(report.month.to)}，共有项目${totals.projectCount}个，总投资${formatYi(totals.totalInvestmentCents)}亿元，年度计划投资${formatYi(totals.annualPlanCents)}亿元，已完成投资${formatYi(totals.completedCents)}亿元。`,
    `年度投资完成率${rateText(investment)}，序时进度${formatTenths(investment.timeProgress.percentTenths)}%，${investment.text ?? '无年度计划投资'}。`,
    `亮灯情况：${LIGHTS.map((light) => `${LIGHT_LABEL[light]}灯${report.lights[light]}个`).join('，')}。`,
  ]
}

function periodLines(report: MonthlyReport): string[] {
  const status = report.periodStatus
  if (!status) return ['本看板未启用报送周期，无报送情况。']
  return [
    `未报送单位：${status.notReported.join('、') || '无'}。`,
    ...(status.returned.length === 0 ? ['本月无退回事项。'] : status.returned.map((item) => `退回：${item.unit}「${item.projectName}」，原因：${item.reason}`)),
  ]
}

function table(header: string[], rows: string[][], widths: number[]): Table {
  const line = { style: BorderStyle.SINGLE, size: 4, color: BLACK }
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: widths,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((text) => cell(text, { header: true })) }),
      ...rows.map(
        (row) => new TableRow({ cantSplit: true, children: row.map((text, index) => cell(text, { align: index === 0 ? AlignmentType.LEFT : undefined })) }),
      ),
    ],
  })
}

const STAGE_HEADER = ['阶段', '月初项目数', '月末项目数', '增减', '月末总投资（亿元）']
const stageRows = (report: MonthlyReport) =>
  report.stages.map((row) => [row.label, String(row.countStart), String(row.countEnd), signed(row.countEnd - row.countStart), formatYi(row.investmentEndCents)])
const UNIT_HEADER = ['责任单位', '项目数', '年度计划（亿元）', '已完成（亿元）', '完成率', '与序时进度比']
const unitRows = (report: MonthlyReport) =>
  report.units.map((unit) => [
    unit.name,
    String(unit.projectCount),
    unit.investment.target === null ? '—' : formatYi(unit.investment.target),
    formatYi(unit.investment.done),
    rateText(unit.investment),
    unit.investment.text ?? '无年度计划',
  ])

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n)
}

/** The 月报 as a Word document in the 公文 layout of the minutes (minutesDocx.ts). */
export async function monthlyReportDocx(report: MonthlyReport, map?: Uint8Array): Promise<Uint8Array> {
  const title = `${report.boardName}${report.title}项目推进月报`
  const changeLines = report.changes.flatMap((unit) => unit.changes.map((change) => `${unit.unit}：「${change.projectName}」${change.summary}`))
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: LINE_TWIPS },
      children: [run(title, FONT.title, { size: SIZE.title })],
    }),
    heading(`${chineseNumeral(1)}、总体情况`, 1),
    ...summaryLines(report).map((text) => body(text)),
    heading(`${chineseNumeral(2)}、分阶段情况`, 1),
    table(STAGE_HEADER, stageRows(report), [1800, 1700, 1700, 1200, 2445]),
    heading(`${chineseNumeral(3)}、各单位投资完成情况`, 1),
    table(UNIT_HEADER, unitRows(report), [1800, 1000, 1500, 1500, 1100, 1945]),
    heading(`${chineseNumeral(4)}、本月变化`, 1),
    ...(changeLines.length === 0 ? [body('本月无变化。')] : changeLines.map((text, index) => body(`${index + 1}.${text}`))),
    heading(`${chineseNumeral(5)}、报送情况`, 1),
    ...periodLines(report).map((text) => body(text)),
    ...(map ? [heading(`${chineseNumeral(6)}、项目分布图`, 1), ...figure(map, `${report.title}末项目分布（按灯色着色、按阶段区分形状）`)] : []),
  ]
  return gongwenDocx(title, children)
}

/** The 月报 as a workbook: 总体情况, 分阶段, 分单位, 本月变化, 报送情况 — figures as numbers (亿元, %). */
export async function monthlyReportWorkbook(report: MonthlyReport): Promise<Uint8Array> {
  const workbook = await newWorkbook()
  const yi = (cents: number) => Number(formatYi(cents))
  const summary = workbook.addWorksheet('总体情况')
  summary.getCell(1, 1).value = `${report.boardName}${report.title}项目推进月报`
  summary.getCell(1, 1).font = { bold: true, size: 16 }
  const facts: [string, string | number][] = [
    ['项目数', report.totals.projectCount],
    ['总投资（亿元）', yi(report.totals.totalInvestmentCents)],
    ['年度计划投资（亿元）', yi(report.totals.annualPlanCents)],
    ['已完成投资（亿元）', yi(report.totals.completedCents)],
    ['投资完成率（%）', report.investment.rate ? Number(formatTenths(report.investment.rate.percentTenths)) : '—'],
    ['序时进度（%）', Number(formatTenths(report.investment.timeProgress.percentTenths))],
    ['与序时进度比', report.investment.text ?? '无年度计划投资'],
    ...LIGHTS.map((light): [string, number] => [`${LIGHT_LABEL[light]}灯项目数`, report.lights[light]]),
  ]
  facts.forEach(([label, value], index) => {
    summary.getCell(3 + index, 1).value = label
    summary.getCell(3 + index, 2).value = value
  })
  summary.getColumn(1).width = 22
  summary.getColumn(2).width = 30

  const stages = workbook.addWorksheet('分阶段')
  stages.addRow(STAGE_HEADER).font = { bold: true }
  for (const row of report.stages) stages.addRow([row.label, row.countStart, row.countEnd, row.countEnd - row.countStart, yi(row.investmentEndCents)])

  const units = workbook.addWorksheet('分单位')
  units.addRow(UNIT_HEADER).font = { bold: true }
  for (const unit of report.units) {
    const { investment } = unit
    units.addRow([
      unit.name,
      unit.projectCount,
      investment.target === null ? '—' : yi(investment.target),
      yi(investment.done),
      investment.rate ? Number(formatTenths(investment.rate.percentTenths)) : '—',
      investment.text ?? '无年度计划',
    ])
  }

  const changes = workbook.addWorksheet('本月变化')
  changes.addRow(['责任单位', '项目名称', '变化类别', '变化内容']).font = { bold: true }
  for (const unit of report.changes)
    for (const change of unit.changes) changes.addRow([unit.unit, change.projectName, BOARD_CHANGE_LABEL[change.kind], change.summary])

  const period = workbook.addWorksheet('报送情况')
  for (const line of periodLines(report)) period.addRow([line])
  for (const sheet of [stages, units, changes]) sheet.columns.forEach((column) => (column.width = 18))
  stripXmlUnsafeText(workbook)
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
