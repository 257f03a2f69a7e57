import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import ExcelJS from 'exceljs'
import { applyLedgerImport } from '@guatu/server/ledger/applyImport'
import { exportLedgerWorkbook } from '@guatu/server/ledger/exportLedger'
import { planLedgerImport } from '@guatu/server/ledger/importPlan'
import { parseLedgerWorkbook } from '@guatu/server/ledger/parseLedger'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import type { WanAmount } from '@guatu/shared/domain/money'
import { checkProjectField, type ProjectId } from '@guatu/shared/domain/project'
import { ImportRowAction } from '@guatu/shared/ledger/importPreview'
import { OFFICE, workbookOf } from './ledgerTestHelpers.ts'

const HEADER = ['序号', '统一项目代码', '项目名称', '责任单位', '总投资（万元）', '当前阶段']
const CODE_A = '2022-610000-44-01-123456'
const CODE_B = '2021-610502-30-03-00017X'

function boardWithTwoProjects(): { doc: Y.Doc; a: ProjectId; b: ProjectId } {
  const doc = new Y.Doc()
  const a = createProject(doc, { name: '城东污水处理厂', unit: '住建局', projectCode: CODE_A as never, totalInvestment: '12000' as WanAmount })
  const b = createProject(doc, { name: '光伏组件生产线', unit: '工信局', projectCode: CODE_B as never, totalInvestment: '50000' as WanAmount })
  return { doc, a, b }
}

describe('项目代码', () => {
  test('a code in the national 24-character format is accepted and anything else refused in Chinese', () => {
    expect(checkProjectField('projectCode', CODE_A)).toBeUndefined()
    expect(checkProjectField('projectCode', CODE_B)).toBeUndefined()
    expect(checkProjectField('projectCode', '2022-610000-44-01-12345')).toMatch(/项目代码须为24位/)
    expect(checkProjectField('projectCode', '2022610000440112345612')).toMatch(/项目代码须为24位/)
    expect(checkProjectField('projectCode', '1999-610000-44-01-123456')).toMatch(/年份1999/)
  })

  test('a ledger with 项目代码 updates the right projects even when their names changed', async () => {
    const { doc, a, b } = boardWithTwoProjects()
    // Row order swapped and both projects renamed; full-width digits in one code, as pasted from WPS.
    const file = await workbookOf([
      HEADER,
      [1, CODE_B, '年产2GW光伏组件生产线', '工信局', 52000, '开工'],
      [2, '２０２２－６１００００－４４－０１－１２３４５６', '城东第二污水处理厂', '住建局', 12000, '签约'],
    ])
    const plan = planLedgerImport(doc, await parseLedgerWorkbook(file, { year: 2022 }))
    expect(plan.errors).toEqual([])
    expect(plan.creates).toHaveLength(0)
    expect(plan.rows.map((row) => [row.rowNumber, row.action, row.projectId])).toEqual([
      [2, ImportRowAction.update, b],
      [3, ImportRowAction.update, a],
    ])
    applyLedgerImport(doc, plan, OFFICE)
    expect(listProjects(doc)).toHaveLength(2)
    expect(readProject(doc, a)).toMatchObject({ name: '城东第二污水处理厂', projectCode: CODE_A, stage: 'signed' })
    expect(readProject(doc, b)).toMatchObject({ name: '年产2GW光伏组件生产线', projectCode: CODE_B, totalInvestment: '52000' })
  })

  test('an invalid 项目代码 is reported with its row and column, and nothing is imported', async () => {
    const { doc } = boardWithTwoProjects()
    const file = await workbookOf([
      HEADER,
      [1, CODE_A, '城东污水处理厂', '住建局', 12000, '谋划'],
      [2, '2022-6100-44-01-1234', '新材料产业园', '工信局', 8000, '谋划'],
    ])
    const plan = planLedgerImport(doc, await parseLedgerWorkbook(file, { year: 2022 }))
    expect(plan.errors).toEqual([expect.objectContaining({ rowNumber: 3, column: '统一项目代码', message: expect.stringMatching(/项目代码须为24位/) })])
    expect(plan.rows.find((row) => row.rowNumber === 3)?.action).toBe(ImportRowAction.error)
  })

  test('a row whose name matches a card with a different 项目代码 is an error, not a silent merge', async () => {
    const { doc } = boardWithTwoProjects()
    const file = await workbookOf([HEADER, [1, '2023-610000-44-02-654321', '城东污水处理厂', '住建局', 12000, '谋划']])
    const plan = planLedgerImport(doc, await parseLedgerWorkbook(file, { year: 2022 }))
    expect(plan.errors.map((issue) => [issue.rowNumber, issue.message])).toEqual([[2, expect.stringContaining(`同名项目的项目代码${CODE_A}不同`)]])
  })

  test('two rows with one 项目代码 are reported on the second', async () => {
    const { doc } = boardWithTwoProjects()
    const file = await workbookOf([HEADER, [1, CODE_A, '甲项目', '住建局', 1, '谋划'], [2, CODE_A, '乙项目', '住建局', 1, '谋划']])
    const plan = planLedgerImport(doc, await parseLedgerWorkbook(file, { year: 2022 }))
    expect(plan.errors.map((issue) => [issue.rowNumber, issue.message])).toEqual([[3, `项目代码${CODE_A}与第2行重复`]])
  })

  test('the exported ledger carries 项目代码 and, asked for, 开工以来累计完成投资 and 开工年份, and imports back unchanged', async () => {
    const { doc, a } = boardWithTwoProjects()
    const doc2 = new Y.Doc()
    Y.applyUpdate(doc2, Y.encodeStateAsUpdate(doc))
    const projects = listProjects(doc).map((project) =>
      project.id === a
        ? { ...project, cumulativeInvestment: '3000.07' as WanAmount, completedInvestment: '1000.05' as WanAmount, actualStartDate: '2021-04-01' as never }
        : project,
    )
    const file = await exportLedgerWorkbook({
      boardName: '示例区2022年重点项目',
      year: 2022,
      asOf: '2022-08-20' as never,
      projects,
      problems: [],
      lineage: true,
    })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file.buffer)
    const sheet = workbook.worksheets[0]!
    const headers = (sheet.getRow(3).values as unknown[]).slice(1)
    expect(headers).toContain('项目代码')
    const column = (header: string) => headers.indexOf(header) + 1
    const rowOf = (name: string) => [4, 5].find((row) => sheet.getCell(row, column('项目名称')).value === name)!
    expect(sheet.getCell(rowOf('城东污水处理厂'), column('项目代码')).value).toBe(CODE_A)
    expect(sheet.getCell(rowOf('城东污水处理厂'), column('开工以来累计完成投资(亿元)')).value).toBe(0.400012)
    expect(sheet.getCell(rowOf('城东污水处理厂'), column('开工年份')).value).toBe(2021)
    expect(sheet.getCell(rowOf('光伏组件生产线'), column('开工以来累计完成投资(亿元)')).value).toBeNull()
    const plan = planLedgerImport(doc2, await parseLedgerWorkbook(file, { year: 2022 }))
    expect(plan.errors).toEqual([])
    expect(plan.creates).toHaveLength(0)
  })
})
