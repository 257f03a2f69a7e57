import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { applyLedgerImport } from '@guatu/server/ledger/applyImport'
import { planLedgerImport } from '@guatu/server/ledger/importPlan'
import { LedgerFormatError } from '@guatu/server/ledger/ledgerFormatError'
import { parseLedgerWorkbook } from '@guatu/server/ledger/parseLedger'
import { importPlanToJson } from '@guatu/server/ledger/planJson'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { OFFICE, workbookOf } from './ledgerTestHelpers.ts'

const parse = async (rows: Parameters<typeof workbookOf>[0]) => parseLedgerWorkbook(await workbookOf(rows), { year: 2022 })
const HEADER = ['序号', '项目名称', '责任单位', '总投资(亿元)', '当前阶段', '实际开工时间']

describe('ledger layouts', () => {
  test('a 合计 that disagrees with the rows is a warning naming its row', async () => {
    const parsed = await parse([HEADER, [1, '甲项目', '工信局', 1.5, '谋划'], [2, '乙项目', '商务局', 2, '谋划'], ['合计', '', '', 3.6]])
    expect(parsed.skipped).toEqual([{ sheetName: '台账', rowNumber: 4, reason: 'subtotal' }])
    expect(parsed.issues.filter((issue) => issue.rowNumber !== undefined)).toEqual([
      expect.objectContaining({ rowNumber: 4, severity: 'warning', message: expect.stringContaining('36000万元') }),
    ])
  })

  test('a row without 项目名称 or 责任单位 is an error on that row', async () => {
    const parsed = await parse([HEADER, [1, '甲项目', '', 1.5, '谋划'], [2, '', '商务局', 2, '谋划']])
    expect(parsed.rows.map((row) => row.issues.map((issue) => [issue.rowNumber, issue.column, issue.severity, issue.message]))).toEqual([
      [[2, '责任单位', 'error', '责任单位不能为空']],
      [[3, '项目名称', 'error', '项目名称不能为空']],
    ])
  })

  test('the same name twice (spaces and full-width parentheses aside) is an error on the second row', async () => {
    const parsed = await parse([HEADER, [1, '污水处理厂（一期）', '住建局', 1, '谋划'], [2, '污水处理厂 (一期)', '住建局', 1, '谋划']])
    const plan = planLedgerImport(new Y.Doc(), parsed)
    expect(plan.errors).toEqual([{ sheetName: '台账', rowNumber: 3, column: '项目名称', severity: 'error', message: '项目名称与第2行重复' }])
    expect(plan.creates).toHaveLength(1)
  })

  test('a 万元 header reads plain numbers as 万元 and header synonyms map to the same fields', async () => {
    const parsed = await parse([
      ['项目', '牵头单位', '总投资（万元）', '2022年计划投资（万元）', '1-7月完成投资（万元）', '包抓县级领导', '是否入库'],
      ['甲项目', '工信局', 12000, '3,500.5', '1.2亿元', '李建国、王海平', '√'],
    ])
    expect(parsed.rows[0]?.fields).toMatchObject({
      name: '甲项目',
      unit: '工信局',
      totalInvestment: '12000',
      annualPlanInvestment: '3500.5',
      completedInvestment: '12000',
      leaders: ['李建国', '王海平'],
      registered: true,
    })
  })

  test('a blank 当前阶段 is inferred from the actual dates, and the row says so', async () => {
    const parsed = await parse([HEADER, [1, '甲项目', '工信局', 1, '', '2022-04-01']])
    expect(parsed.rows[0]?.fields.stage).toBe('started')
    expect(parsed.rows[0]?.stage).toMatchObject({ source: 'dates', evidence: '实际开工时间 2022-04-01' })
    expect(parsed.rows[0]?.inferred.map((note) => note.message)).toContain('当前阶段按实际开工时间 2022-04-01推定为“开工”')
  })

  test('the ledger sheet is found behind a notes sheet', async () => {
    const bytes = await workbookOf([['填表说明：请按附表填写']], (sheet) => {
      const ledger = sheet.workbook.addWorksheet('附表')
      ledger.addRow(HEADER)
      ledger.addRow([1, '甲项目', '工信局', 1, '谋划'])
    })
    const parsed = await parseLedgerWorkbook(bytes, { year: 2022 })
    expect([parsed.sheets.filter((sheet) => sheet.chosen).map((sheet) => sheet.name), parsed.rows.length]).toEqual([['附表'], 1])
  })

  test('a file that is not a workbook, or a sheet with no ledger header, is refused with a Chinese message', async () => {
    await expect(parseLedgerWorkbook(new TextEncoder().encode('not a workbook'), { year: 2022 })).rejects.toThrow(LedgerFormatError)
    await expect(parse([['会议纪要'], ['一、关于项目推进']])).rejects.toThrow(/未找到台账表头/)
  })

  test('the preview JSON says per row what happens, with changes in Chinese', async () => {
    const doc = new Y.Doc()
    applyLedgerImport(doc, planLedgerImport(doc, await parse([HEADER, [1, '甲项目', '工信局', 1.5, '谋划']])), OFFICE)
    const parsed2 = await parse([HEADER, [1, '甲项目', '工信局', 2, '开工'], [2, '乙项目', '商务局', 1, '谋划'], [3, '丙项目', '', 1, '谋划']])
    const plan = planLedgerImport(doc, parsed2)
    const json = importPlanToJson(plan, parsed2)
    expect({ creates: json.creates, updates: json.updates, unchanged: json.unchanged }).toEqual({ creates: 1, updates: 1, unchanged: 0 })
    expect(json.rows.map((row) => [row.rowNumber, row.action, row.name, row.changes])).toEqual([
      [2, 'update', '甲项目', ['总投资：1.50亿元 → 2.00亿元', '当前阶段：谋划 → 开工']],
      [3, 'create', '乙项目', undefined],
      [4, 'error', '丙项目', undefined],
    ])
    expect(json.totals).toEqual({ rows: 3, projects: 2, totalInvestmentWan: '30000' })
    expect(JSON.parse(JSON.stringify(json))).toEqual(json)
    expect(listProjects(doc)).toHaveLength(1)
  })
})
