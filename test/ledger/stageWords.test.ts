import { describe, expect, test } from 'vitest'
import { stageFromWords } from '@guatu/server/ledger/inferStage'
import { reportDateFromFileName } from '@guatu/server/ledger/reportDate'
import { decodeCsvText } from '@guatu/server/ledger/readGrids'
import { parseLedgerWorkbook } from '@guatu/server/ledger/parseLedger'

describe('reading a stage from what the department wrote', () => {
  test.each([
    ['已投产。设备运行稳定', 'producing', '已投产'],
    ['竣工投产，年产值2亿元', 'producing', '竣工投产'],
    ['开工建设，主体施工中', 'started', '开工建设'],
    ['已签约，正在办理用地手续', 'signed', '已签约'],
    ['已开工，预计年底投产', 'started', '已开工'],
    ['前期手续办理中，力争年内开工', 'planning', '前期'],
    ['尚未开工', 'planning', '尚未开工'],
    ['签订投资协议，已开工', 'started', '已开工'],
  ])('"%s" reads as %s (from “%s”)', (text, stage, words) => {
    expect(stageFromWords([text])).toEqual({ stage, words })
  })

  test('a plan or a negation states no stage reached', () => {
    expect(stageFromWords(['预计10月投产'])).toBeUndefined()
    expect(stageFromWords(['未签约'])).toBeUndefined()
    expect(stageFromWords([''])).toBeUndefined()
  })
})

describe('finding the report date and the encoding', () => {
  test.each([
    ['示例县重点项目台账（2022年8月20日）.xlsx', '2022-08-20'],
    ['台账20220731.xls', '2022-07-31'],
    ['2022-06-30 推进情况.csv', '2022-06-30'],
  ])('the file name "%s" gives the report date %s', (name, date) => {
    expect(reportDateFromFileName(name)).toEqual({ date, source: 'fileName', text: name })
  })

  test('a file name without a date gives none', () => {
    expect(reportDateFromFileName('重点项目台账.xlsx')).toBeUndefined()
  })

  test('a UTF-8 CSV with a BOM and no report date reads the file name date, and a binary file is no CSV', async () => {
    const csv = '\ufeff项目名称,责任单位,总投资（亿元）,实际开工时间,形象进度\n甲项目,工信局,1.5,6月底,已开工\n'
    const parsed = await parseLedgerWorkbook(new TextEncoder().encode(csv), { year: 2022, fileName: '台账20220630.csv' })
    expect([parsed.format, parsed.encoding, parsed.reportDate?.source, parsed.reportDate?.date]).toEqual(['csv', 'utf8', 'fileName', '2022-06-30'])
    expect(parsed.rows.map((row) => [row.fields.name, row.fields.stage, row.fields.actualStartDate, row.issues])).toEqual([
      ['甲项目', 'started', '2022-06-30', []],
    ])
    expect(decodeCsvText(new Uint8Array([0x50, 0x00, 0x01]))).toBeUndefined()
  })

  test('without any report date the preview asks for one, and dates fall in the board year', async () => {
    const csv = '项目名称,责任单位,总投资（亿元）,实际开工时间\n甲项目,工信局,1.5,3月底\n'
    const parsed = await parseLedgerWorkbook(new TextEncoder().encode(csv), { year: 2023, fileName: '台账.csv' })
    expect(parsed.reportDate).toBeUndefined()
    expect(parsed.rows[0]?.fields.actualStartDate).toBe('2023-03-31')
    expect(parsed.issues[0]?.message).toMatch(/^未找到填报日期/)
  })

  test('an unknown column mapped to a field is read as that field', async () => {
    const csv = '项目名称,责任单位,总投资（亿元）,行业领域\n甲项目,工信局,1.5,新能源\n'
    const parsed = await parseLedgerWorkbook(new TextEncoder().encode(csv), { year: 2022, mapping: { 行业领域: 'cluster' } })
    expect(parsed.unknownColumns.map((column) => [column.header, column.suggestion, column.choice])).toEqual([['行业领域', 'cluster', 'cluster']])
    expect([parsed.rows[0]?.fields.cluster, parsed.rows[0]?.fields.industry]).toEqual(['新能源', 'secondary'])
  })
})
