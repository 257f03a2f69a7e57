import { formatChineseDate, todayInChina, type IsoDate } from '@guatu/shared/domain/dates'
import { INDUSTRY_LABEL } from '@guatu/shared/domain/industry'
import { NATURE_LABEL } from '@guatu/shared/domain/nature'
import { RESERVE_LEVEL_LABEL, type Candidate } from '@guatu/shared/domain/reserveCandidate'
import { CANDIDATE_STAGE_LABEL, candidateStage } from '@guatu/shared/reserve/reserveFilter'
import { newWorkbook } from '../ledger/newWorkbook.ts'
import { wanToYiText } from '../ledger/parseMoney.ts'
import { stripXmlUnsafeText } from '../ledger/xmlSafeWorkbook.ts'

type Cell = string | number | Date | undefined

/** A real Excel date at midnight UTC, as the ledger export writes them. */
const day = (date: IsoDate | undefined) => (date === undefined ? undefined : new Date(`${date}T00:00:00Z`))

/**
 * The 项目库 columns: the ledger's own headers (so the ledger reader recognises them) plus
 * 储备级别, 来源单位 and the vetting columns. 导入项目库 reads this workbook back unchanged
 * (server/src/reserve/reserveImport.ts): keep the two in step.
 */
const COLUMNS: ReadonlyArray<{ header: string; width: number; value: (candidate: Candidate, index: number) => Cell; money?: boolean; date?: boolean }> = [
  { header: '序号', width: 6, value: (_candidate, index) => index + 1 },
  { header: '项目名称', width: 30, value: (c) => c.name },
  { header: '项目代码', width: 28, value: (c) => c.projectCode ?? '' },
  { header: '储备级别', width: 14, value: (c) => RESERVE_LEVEL_LABEL[c.level] },
  { header: '来源单位', width: 12, value: (c) => c.sourceUnit },
  { header: '建设性质', width: 8, value: (c) => (c.nature ? NATURE_LABEL[c.nature] : '') },
  { header: '产业类别', width: 9, value: (c) => (c.industry ? INDUSTRY_LABEL[c.industry] : '') },
  { header: '产业集群', width: 10, value: (c) => c.cluster },
  { header: '建设地点', width: 12, value: (c) => c.location },
  { header: '建设内容及规模', width: 36, value: (c) => c.scope },
  { header: '总投资(亿元)', width: 12, money: true, value: (c) => Number(wanToYiText(c.totalInvestment)) },
  { header: '年度计划投资(亿元)', width: 12, money: true, value: (c) => Number(wanToYiText(c.annualPlanInvestment)) },
  { header: '计划签约时间', width: 12, date: true, value: (c) => day(c.plannedSignDate) },
  { header: '计划开工时间', width: 12, date: true, value: (c) => day(c.plannedStartDate) },
  { header: '计划投产时间', width: 12, date: true, value: (c) => day(c.plannedProduceDate) },
  { header: '责任单位', width: 12, value: (c) => c.unit },
  { header: '包抓领导', width: 14, value: (c) => c.leaders.join('、') },
  { header: '责任人', width: 8, value: (c) => c.owner },
  { header: '联系电话', width: 14, value: (c) => c.phone },
  { header: '是否政府投资', width: 10, value: (c) => (c.governmentFunded ? '是' : '否') },
  { header: '审核状态', width: 10, value: (c) => CANDIDATE_STAGE_LABEL[candidateStage(c)] },
  { header: '退回原因', width: 24, value: (c) => c.returnReason ?? '' },
]

const HEADER_ROW = 3

/** The reserve as a workbook: title, 数据截至, one row per candidate (newest first). */
export async function reserveWorkbook(candidates: readonly Candidate[]): Promise<{ name: string; file: Uint8Array }> {
  const workbook = await newWorkbook()
  workbook.creator = 'Guatu 挂图作战'
  const sheet = workbook.addWorksheet('项目库', { views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROW }] })
  COLUMNS.forEach((column, index) => (sheet.getColumn(index + 1).width = column.width))
  sheet.mergeCells(1, 1, 1, COLUMNS.length)
  sheet.getCell(1, 1).value = '项目库（储备项目）'
  sheet.getCell(1, 1).font = { bold: true, size: 16 }
  sheet.getCell(1, 1).alignment = { horizontal: 'center' }
  const today = todayInChina()
  sheet.mergeCells(2, 1, 2, COLUMNS.length)
  sheet.getCell(2, 1).value = `数据截至：${formatChineseDate(today)}\u3000\u3000单位：亿元`
  sheet.getCell(2, 1).alignment = { horizontal: 'right' }
  const header = sheet.getRow(HEADER_ROW)
  COLUMNS.forEach((column, index) => {
    header.getCell(index + 1).value = column.header
    header.getCell(index + 1).font = { bold: true }
  })
  candidates.forEach((candidate, rowIndex) => {
    const row = sheet.getRow(HEADER_ROW + 1 + rowIndex)
    COLUMNS.forEach((column, index) => {
      const cell = row.getCell(index + 1)
      cell.value = column.value(candidate, rowIndex) ?? null
      if (column.money) cell.numFmt = '0.00'
      if (column.date) cell.numFmt = 'yyyy-mm-dd'
    })
  })
  stripXmlUnsafeText(workbook)
  const file = new Uint8Array(await workbook.xlsx.writeBuffer())
  return { name: `项目库-${today}.xlsx`, file }
}
