import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { applyLedgerImport } from '@guatu/server/ledger/applyImport'
import { exportLedgerWorkbook } from '@guatu/server/ledger/exportLedger'
import { planLedgerImport } from '@guatu/server/ledger/importPlan'
import { parseLedgerWorkbook } from '@guatu/server/ledger/parseLedger'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { OFFICE, workbookOf } from './ledgerTestHelpers.ts'

const parse = async (rows: Parameters<typeof workbookOf>[0]) => parseLedgerWorkbook(await workbookOf(rows), { year: 2022 })
const near = (value: number | undefined, expected: number) => expect(value).toBeCloseTo(expected, 4)

describe('coordinates in the ledger', () => {
  test('经度 and 纬度 columns, as numbers or as degrees-minutes-seconds, become the project’s point, marked as imported', async () => {
    const parsed = await parse([
      ['项目名称', '责任单位', '当前阶段', '经度', '纬度'],
      ['甲项目', '工信局', '谋划', 108.9412, 34.261],
      ['乙项目', '商务局', '谋划', '108°54′36″', '北纬34°12′'],
    ])
    const [first, second] = parsed.rows
    expect(first!.fields.coordinates).toEqual({ lng: 108.9412, lat: 34.261, source: 'import' })
    near(second!.fields.coordinates?.lng, 108.91)
    near(second!.fields.coordinates?.lat, 34.2)
    // Rule 6: the preview says where the point came from.
    expect(first!.inferred).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'coordinates', from: 'coordinateColumns', message: expect.stringContaining('台账导入') })]),
    )
    expect(parsed.rows.flatMap((row) => row.issues)).toEqual([])
  })

  const ONE_COLUMN: ReadonlyArray<[string, number, number]> = [
    ['E108.9 N34.2', 108.9, 34.2],
    ['N34.2 E108.9', 108.9, 34.2],
    ['108.9,34.2', 108.9, 34.2],
    ['108.9，34.2', 108.9, 34.2],
    ['108.9E, 34.2N', 108.9, 34.2],
    ['东经108°54′ 北纬34°12′', 108.9, 34.2],
    ['东经108度54分36秒，北纬34度12分', 108.91, 34.2],
  ]
  test.each(ONE_COLUMN)('one 坐标 column reading “%s” gives E%f N%f', async (text, lng, lat) => {
    const parsed = await parse([
      ['项目名称', '责任单位', '当前阶段', '坐标'],
      ['甲项目', '工信局', '谋划', text],
    ])
    const row = parsed.rows[0]!
    expect(row.issues).toEqual([])
    near(row.fields.coordinates?.lng, lng)
    near(row.fields.coordinates?.lat, lat)
    expect(row.fields.coordinates?.source).toBe('import')
  })

  test('a pair without letters is read as 经度 then 纬度, and the preview says it was', async () => {
    const parsed = await parse([
      ['项目名称', '责任单位', '当前阶段', '经纬度'],
      ['甲项目', '工信局', '谋划', '108.9,34.2'],
    ])
    expect(parsed.rows[0]!.inferred.find((inference) => inference.field === 'coordinates')?.message).toMatch(/按“经度,纬度”的顺序读取/)
  })

  const REFUSED: ReadonlyArray<[string, readonly (string | number)[], RegExp]> = [
    ['latitude first (swapped)', ['34.2,108.9'], /疑似经纬度填反/],
    ['swapped columns', [34.2, 108.9], /疑似经纬度填反/],
    ['New York', ['-73.98,40.75'], /不在中国境内/],
    ['projected metres', [500000, 3780000], /不在中国境内|无法识别/],
    ['a place name', ['城东片区'], /无法识别/],
    ['two longitudes', ['E108.9 E109.1'], /两个经度/],
  ]
  test.each(REFUSED)('%s is a warning on its row; the project is imported without a point', async (_what, cells, reason) => {
    const header = cells.length === 2 ? ['经度', '纬度'] : ['坐标']
    const parsed = await parse([
      ['项目名称', '责任单位', '当前阶段', ...header],
      ['甲项目', '工信局', '谋划', ...cells],
    ])
    const row = parsed.rows[0]!
    expect(row.fields.coordinates).toBeUndefined()
    expect(row.issues).toEqual([expect.objectContaining({ rowNumber: 2, severity: 'warning', message: expect.stringMatching(reason) })])
    const plan = planLedgerImport(new Y.Doc(), parsed)
    expect(plan.creates).toHaveLength(1)
  })

  test('a 经度 without its 纬度 is reported, not half-imported', async () => {
    const parsed = await parse([
      ['项目名称', '责任单位', '当前阶段', '经度', '纬度'],
      ['甲项目', '工信局', '谋划', 108.9, ''],
    ])
    expect(parsed.rows[0]!.fields.coordinates).toBeUndefined()
    expect(parsed.rows[0]!.issues[0]?.message).toMatch(/只有经度没有纬度/)
  })

  test('imported points land on the board as the office’s import', async () => {
    const parsed = await parse([
      ['项目名称', '责任单位', '当前阶段', '经度', '纬度'],
      ['甲项目', '工信局', '谋划', 108.9412, 34.261],
    ])
    const doc = new Y.Doc()
    applyLedgerImport(doc, planLedgerImport(doc, parsed), OFFICE)
    expect(listProjects(doc)[0]?.coordinates).toEqual({ lng: 108.9412, lat: 34.261, source: 'import' })
  })

  test('the exported ledger carries 经度 and 纬度, and importing it back gives the same points', async () => {
    const parsed = await parse([
      ['项目名称', '责任单位', '当前阶段', '经度', '纬度'],
      ['甲项目', '工信局', '谋划', 108.9412345, 34.2610001],
      ['乙项目', '商务局', '谋划', '', ''],
    ])
    const doc = new Y.Doc()
    applyLedgerImport(doc, planLedgerImport(doc, parsed), OFFICE)
    const bytes = await exportLedgerWorkbook({ boardName: '测试', year: 2022, asOf: '2022-07-31' as never, projects: listProjects(doc), problems: [] })
    const again = await parseLedgerWorkbook(bytes, { year: 2022 })
    const byName = new Map(again.rows.map((row) => [row.fields.name, row.fields.coordinates]))
    expect(byName.get('甲项目')).toEqual({ lng: 108.9412345, lat: 34.2610001, source: 'import' })
    expect(byName.get('乙项目')).toBeUndefined()
  })
})
