import { describe, expect, test } from 'vitest'
import { parseLedgerWorkbook } from '@guatu/server/ledger/parseLedger'
import { RESERVE_EXTRA_COLUMNS, RESERVE_KEPT_FIELDS } from '@guatu/server/reserve/reserveImport'
import { workbookOf } from './ledgerTestHelpers.ts'

const ROWS = [
  ['序号', '项目名称', '储备级别', '来源单位', '责任单位', '总投资（万元）'],
  [1, '秦岭康养小镇', '前期推进', '文旅局', '文旅局', 52000],
  [2, '城区停车场', '', '', '住建局', 8000],
] as const

describe('extra named columns (one parser for the ledger and the 项目库)', () => {
  test('named columns are handed over as text per row, with their header, and are no unknown columns', async () => {
    const ledger = await parseLedgerWorkbook(await workbookOf(ROWS), { year: 2024, extraColumns: RESERVE_EXTRA_COLUMNS, keptFields: RESERVE_KEPT_FIELDS })
    expect(ledger.extraColumns).toEqual(['level', 'sourceUnit'])
    expect(ledger.unknownColumns).toEqual([])
    expect(ledger.rows.map((row) => row.extra)).toEqual([
      { level: { text: '前期推进', header: '储备级别' }, sourceUnit: { text: '文旅局', header: '来源单位' } },
      {},
    ])
    expect(ledger.rows[0]!.fields).toMatchObject({ name: '秦岭康养小镇', unit: '文旅局', totalInvestment: '52000' })
    // Only the kept fields are missed: no note about 当前阶段 or 是否入库, nor a report date none of them needs.
    const notes = ledger.issues.filter((issue) => issue.rowNumber === undefined).map((issue) => issue.message)
    expect(notes.join()).not.toMatch(/当前阶段|是否入库|填报日期/)
    expect(notes.join()).toMatch(/建设性质/)
  })

  test('the ledger import without the rules reads the same file as before: the columns are unknown, the rows carry nothing extra', async () => {
    const ledger = await parseLedgerWorkbook(await workbookOf(ROWS), { year: 2024 })
    expect(ledger.extraColumns).toEqual([])
    expect(ledger.unknownColumns.map((column) => column.header)).toEqual(['储备级别', '来源单位'])
    expect(ledger.rows.every((row) => Object.keys(row.extra).length === 0)).toBe(true)
    const notes = ledger.issues.filter((issue) => issue.rowNumber === undefined).map((issue) => issue.message)
    expect(notes.join()).toMatch(/当前阶段/)
    expect(notes.join()).toMatch(/填报日期/)
  })
})
