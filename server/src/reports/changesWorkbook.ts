import { chinaDateTimeText } from '@guatu/shared/domain/chinaTime'
import { BOARD_CHANGE_LABEL, DECISION_OUTCOME_LABEL, type BoardComparison } from '@guatu/shared/api/lookback'
import { newWorkbook } from '../ledger/newWorkbook.ts'
import { stripXmlUnsafeText } from '../ledger/xmlSafeWorkbook.ts'

/** 变化对比 as a change list (Excel): one row per change, by unit in reporting order; the decisions after. */
export async function changesWorkbook(boardName: string, comparison: BoardComparison): Promise<Uint8Array> {
  const workbook = await newWorkbook()
  const sheet = workbook.addWorksheet('变化清单')
  const headers = ['序号', '责任单位', '项目名称', '变化类别', '变化内容', '金额差（万元）']
  sheet.mergeCells(1, 1, 1, headers.length)
  sheet.getCell(1, 1).value = `${boardName} 变化清单`
  sheet.getCell(1, 1).font = { bold: true, size: 16 }
  sheet.getCell(1, 1).alignment = { horizontal: 'center' }
  sheet.mergeCells(2, 1, 2, headers.length)
  sheet.getCell(2, 1).value =
    `${chinaDateTimeText(comparison.from)} 至 ${chinaDateTimeText(comparison.to)}${comparison.meeting ? `（自「${comparison.meeting.title}」结束）` : ''}`
  const header = sheet.getRow(4)
  headers.forEach((text, index) => (header.getCell(index + 1).value = text))
  header.font = { bold: true }
  ;[6, 12, 28, 12, 50, 14].forEach((width, index) => (sheet.getColumn(index + 1).width = width))
  let row = 5
  for (const unit of comparison.units) {
    for (const change of unit.changes) {
      const line = sheet.getRow(row)
      line.values = [
        row - 4,
        unit.unit,
        change.projectName,
        BOARD_CHANGE_LABEL[change.kind],
        change.summary,
        change.differenceCents === null ? '' : change.differenceCents / 100,
      ]
      row++
    }
  }
  sheet.views = [{ state: 'frozen', ySplit: 4 }]
  if (comparison.meeting) {
    const decisions = workbook.addWorksheet('确定事项办理情况')
    decisions.getRow(1).values = ['序号', '项目名称', '事项', '交办单位', '完成时限', '办理情况']
    decisions.getRow(1).font = { bold: true }
    ;[6, 28, 40, 12, 12, 12].forEach((width, index) => (decisions.getColumn(index + 1).width = width))
    comparison.decisions.forEach((decision, index) => {
      decisions.getRow(index + 2).values = [
        index + 1,
        decision.projectName,
        decision.content,
        decision.assignee,
        decision.deadline,
        DECISION_OUTCOME_LABEL[decision.outcome],
      ]
    })
  }
  stripXmlUnsafeText(workbook)
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
