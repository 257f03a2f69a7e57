import { describe, expect, test } from 'vitest'
import { DEFAULT_LEDGER_IMPORT_LIMITS, LedgerLimitError, type LedgerImportLimits } from '@guatu/server/ledger/importLimits'
import { parseLedgerWorkbook } from '@guatu/server/ledger/parseLedger'
import { hugeCellXlsx, workbookWithSheet, zipArchive } from '../fixtures/ledgers/hostileLedgers.ts'
import { workbookOf } from './ledgerTestHelpers.ts'

const HEADER = ['序号', '项目名称', '责任单位', '总投资（亿元）']
const SMALL: LedgerImportLimits = { ...DEFAULT_LEDGER_IMPORT_LIMITS, maxRows: 50, maxColumns: 10, maxCellChars: 100 }

const parse = (file: Uint8Array, limits: LedgerImportLimits = SMALL) => parseLedgerWorkbook(file, { year: 2022, limits })
const rowsOf = (count: number) => Array.from({ length: count }, (_, index) => [index + 1, `项目${index + 1}`, '发改局', 1])

describe('the import limits, enforced while reading', () => {
  test('a ledger at the row limit is read; one row more is refused naming the limit', async () => {
    // The header is row 1: 49 projects make 50 rows.
    expect((await parse(await workbookOf([HEADER, ...rowsOf(49)]))).rows).toHaveLength(49)
    await expect(parse(await workbookOf([HEADER, ...rowsOf(50)]))).rejects.toThrow(/台账超过 50 行的上限/)
  })

  test('one row far down counts as every row above it', async () => {
    const file = workbookWithSheet('<row r="100000"><c r="A100000"><v>1</v></c></row>')
    await expect(parse(file)).rejects.toThrow(/台账超过 50 行的上限（写到第 100,000 行）/)
  })

  test('rows and cells written with a namespace prefix are counted all the same', async () => {
    const rows = Array.from({ length: 60 }, () => '<x:row><x:c><x:v>1</x:v></x:c></x:row>').join('')
    await expect(parse(workbookWithSheet(rows))).rejects.toThrow(/台账超过 50 行的上限/)
  })

  test('a merged range reaching past the limits is refused before exceljs fills every cell of it', async () => {
    const merged = workbookWithSheet(
      '<row r="2"><c r="A2"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells><sheetData>',
    )
    await expect(parse(merged)).rejects.toThrow(LedgerLimitError)
    await expect(parse(merged)).rejects.toThrow(/台账超过 50 行的上限（写到第 1,048,576 行）/)
  })

  test('a cell of rich-text runs is measured as the whole cell, and Chinese text by characters, not bytes', async () => {
    const runs = `<row r="2"><c r="B2" t="inlineStr"><is><r><t>${'a'.repeat(60)}</t></r><r><t>${'b'.repeat(60)}</t></r></is></c></row>`
    await expect(parse(workbookWithSheet(runs))).rejects.toThrow(/单元格文字超过 100 个字符的上限/)
    // 90 characters of Chinese are 270 bytes of UTF-8: under the limit.
    const chinese = workbookWithSheet(
      `<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>${'项'.repeat(90)}</t></is></c><c r="C2" t="inlineStr"><is><t>发改局</t></is></c></row>`,
    )
    expect((await parse(chinese)).rows).toHaveLength(1)
  })

  test('a zip whose central directory understates an entry is refused by what the entry really inflates to', async () => {
    const limits = { ...SMALL, maxInflatedBytes: 1024 * 1024 }
    const honest = hugeCellXlsx(2 * 1024 * 1024)
    await expect(parse(honest, limits)).rejects.toThrow(/解压后超过 1 MB 的上限/)
    const padding = Buffer.concat([Buffer.from('<!--'), Buffer.alloc(2 * 1024 * 1024, ' '), Buffer.from('-->')])
    const lying = zipArchive([{ name: 'xl/padding.xml', content: padding, declaredSize: 10 }])
    await expect(parse(lying, limits)).rejects.toThrow(/解压后超过 1 MB 的上限/)
  })

  test('a CSV is counted by its rows, with line breaks inside quotes belonging to their cell', async () => {
    const quotedBreaks = [
      '序号,项目名称,责任单位,总投资（亿元）',
      ...Array.from({ length: 40 }, (_, index) => `${index + 1},"项目${index}\n（续）",发改局,1`),
    ].join('\n')
    expect((await parse(new TextEncoder().encode(quotedBreaks))).rows).toHaveLength(40)
    const tooMany = ['序号,项目名称,责任单位,总投资（亿元）', ...Array.from({ length: 60 }, (_, index) => `${index + 1},项目${index},发改局,1`)].join('\n')
    await expect(parse(new TextEncoder().encode(tooMany))).rejects.toThrow(/台账超过 50 行的上限/)
    await expect(parse(new TextEncoder().encode(`项目名称${',x'.repeat(20)}\n`))).rejects.toThrow(/台账超过 10 列的上限/)
  })
})
