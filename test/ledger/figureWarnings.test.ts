import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { planLedgerImport } from '@guatu/server/ledger/importPlan'
import { parseLedgerWorkbook } from '@guatu/server/ledger/parseLedger'
import { createProject } from '@guatu/shared/board/projectCommands'
import type { WanAmount } from '@guatu/shared/domain/money'
import { workbookOf } from './ledgerTestHelpers.ts'

const HEADER = ['序号', '项目名称', '责任单位', '总投资(亿元)', '年度计划投资(亿元)', '已完成投资(亿元)', '当前阶段']

/** The reader also warns about the sheet (missing columns, no 填报日期); these tests read the figure checks. */
const figureWarningsOf = (plan: Awaited<ReturnType<typeof previewOf>>) => plan.warnings.filter((warning) => warning.message.startsWith('请核对：'))

async function previewOf(doc: Y.Doc, rows: Parameters<typeof workbookOf>[0]) {
  return planLedgerImport(doc, await parseLedgerWorkbook(await workbookOf([HEADER, ...rows]), { year: 2022 }))
}

describe('figure checks in the ledger import preview', () => {
  test('a new row whose 已完成投资 exceeds its 总投资 is a warning on its row, and the row still imports', async () => {
    const plan = await previewOf(new Y.Doc(), [[1, '年产5万吨新材料项目', '工信局', 1.41, 0.5, 9999.9999, '开工']])
    expect(figureWarningsOf(plan)).toEqual([
      expect.objectContaining({ rowNumber: 2, column: '已完成投资', severity: 'warning', message: '请核对：已完成投资 10000.00亿元 超过项目总投资 1.41亿元' }),
    ])
    expect(plan.creates).toHaveLength(1)
  })

  test('re-importing a card with a tenfold jump in 年度计划投资 warns with both figures', async () => {
    const doc = new Y.Doc()
    createProject(doc, { name: '冷链物流园', unit: '商务局', totalInvestment: '320000' as WanAmount, annualPlanInvestment: '5000' as WanAmount })
    const plan = await previewOf(doc, [[1, '冷链物流园', '商务局', 32, 6, 0.2, '开工']])
    expect(figureWarningsOf(plan).map((warning) => warning.message)).toEqual(['请核对：年度计划投资由 5000万元 改为 6.00亿元，增加约12.0倍（超过10倍）'])
    expect(plan.updates).toHaveLength(1)
  })

  test('plausible rows raise no figure warnings', async () => {
    const plan = await previewOf(new Y.Doc(), [[1, '智慧园区', '工信局', 3.2, 1, 0.45, '开工']])
    expect(figureWarningsOf(plan)).toEqual([])
  })
})
