import { formatChineseDate } from '@guatu/shared/domain/dates'
import { formatTenths } from '@guatu/shared/progress/fraction'
import { RANKING_GROUP_LABEL, type RankingRow, type WeeklyRanking } from '@guatu/shared/progress/ranking'
import { newWorkbook } from '../ledger/newWorkbook.ts'
import { stripXmlUnsafeText } from '../ledger/xmlSafeWorkbook.ts'

const COLUMNS: readonly { header: string; width: number; value: (row: RankingRow) => string | number }[] = [
  { header: '排名', width: 6, value: (row) => row.rank },
  { header: '名次变化', width: 9, value: (row) => rankChangeText(row.rankChange) },
  { header: '名称', width: 16, value: (row) => row.name },
  { header: '得分', width: 8, value: (row) => Number(formatTenths(row.scoreTenths)) },
  { header: '项目数', width: 8, value: (row) => row.projectCount },
  { header: '本周推进', width: 9, value: (row) => row.advances },
  { header: '按期', width: 7, value: (row) => row.onSchedule },
  { header: '逾期', width: 7, value: (row) => row.overdue },
  { header: '黄灯', width: 7, value: (row) => row.openYellow },
  { header: '红灯', width: 7, value: (row) => row.openRed },
  { header: '本周解决问题', width: 12, value: (row) => row.problemsSolved },
  { header: '投资完成情况', width: 30, value: (row) => row.investment.text ?? '无年度计划' },
]

export function rankChangeText(change: number | null): string {
  if (change === null) return '新上榜'
  if (change > 0) return `↑${change}`
  if (change < 0) return `↓${-change}`
  return '—'
}

/** The weekly ranking as the sheet offices publish: title, week, the table, 红榜 and 黑榜. */
export async function rankingWorkbook(boardName: string, ranking: WeeklyRanking): Promise<Uint8Array> {
  const workbook = await newWorkbook()
  const sheet = workbook.addWorksheet('一周一晾晒')
  const week = `${formatChineseDate(ranking.week.from)}—${formatChineseDate(ranking.week.to)}`
  sheet.mergeCells(1, 1, 1, COLUMNS.length)
  sheet.getCell(1, 1).value = `${boardName} 一周一晾晒（按${RANKING_GROUP_LABEL[ranking.groupBy]}）`
  sheet.getCell(1, 1).font = { bold: true, size: 16 }
  sheet.getCell(1, 1).alignment = { horizontal: 'center' }
  sheet.mergeCells(2, 1, 2, COLUMNS.length)
  sheet.getCell(2, 1).value = `统计周期：${week}，数据截至：${formatChineseDate(ranking.cutoff)}`
  const header = sheet.getRow(4)
  COLUMNS.forEach((column, index) => {
    header.getCell(index + 1).value = column.header
    sheet.getColumn(index + 1).width = column.width
  })
  header.font = { bold: true }
  ranking.rows.forEach((row, rowIndex) => {
    const line = sheet.getRow(5 + rowIndex)
    COLUMNS.forEach((column, index) => (line.getCell(index + 1).value = column.value(row)))
  })
  sheet.views = [{ state: 'frozen', ySplit: 4 }]
  const listsStart = 6 + ranking.rows.length
  sheet.getCell(listsStart, 1).value = `红榜：${ranking.redList.map((row) => row.name).join('、') || '无'}`
  sheet.getCell(listsStart + 1, 1).value = `黑榜：${ranking.blackList.map((row) => row.name).join('、') || '无'}`
  stripXmlUnsafeText(workbook)
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
