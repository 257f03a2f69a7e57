import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { applyLedgerImport } from '@guatu/server/ledger/applyImport'
import { planLedgerImport } from '@guatu/server/ledger/importPlan'
import { parseLedgerWorkbook, type ParseLedgerOptions } from '@guatu/server/ledger/parseLedger'
import { importPlanToJson } from '@guatu/server/ledger/planJson'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { IsoDate } from '@guatu/shared/domain/dates'
import { COUNTY_FILES, UNKNOWN_HEADER } from '../fixtures/ledgers/countyWordsLedger.ts'
import { FIXTURE_DIR, OFFICE } from './ledgerTestHelpers.ts'

const read = async (file: string, options: Partial<ParseLedgerOptions> = {}) =>
  parseLedgerWorkbook(new Uint8Array(await readFile(path.join(FIXTURE_DIR, file))), { year: 2022, fileName: file, ...options })

/** What the office reads each project as, written by hand from the fixture's words and dates. */
const EXPECTED = {
  城东污水处理厂提标改造: { stage: 'producing', source: 'words', industry: 'infrastructure', nature: 'continued', actualStartDate: undefined, error: false },
  县图书馆新馆: { stage: 'started', source: 'words', industry: 'social', nature: 'continued', actualStartDate: '2022-03-31', error: false },
  年产5万吨锂电材料项目: { stage: 'signed', source: 'words', industry: 'secondary', nature: 'continued', actualStartDate: '2022-05-10', error: false },
  冷链物流中心: { stage: 'planning', source: 'words', industry: 'tertiary', nature: 'new', actualStartDate: undefined, error: false },
  乡村振兴示范园: { stage: 'started', source: 'words', industry: undefined, nature: 'new', actualStartDate: undefined, error: true },
  城区智慧停车场: { stage: 'planning', source: 'none', industry: 'infrastructure', nature: 'new', actualStartDate: undefined, error: false },
} as const

describe('a county ledger without stage, 产业类别 or 是否入库 columns', () => {
  test.each([COUNTY_FILES.xlsx, COUNTY_FILES.xls])('%s: every project has the stage, dates and inferred fields the office reads', async (file) => {
    const parsed = await read(file)
    expect(parsed.reportDate).toEqual({ date: '2022-08-20', source: 'title', text: '填报日期:2022年8月20日' })
    expect(parsed.sheets.map((sheet) => [sheet.name, sheet.chosen, sheet.rows])).toEqual([
      ['续建项目', true, 3],
      ['新建项目', true, 3],
    ])
    const byName = new Map(parsed.rows.map((row) => [row.fields.name, row]))
    for (const [name, expected] of Object.entries(EXPECTED)) {
      const row = byName.get(name)!
      expect(
        {
          stage: row.fields.stage,
          source: row.stage.source,
          industry: row.fields.industry,
          nature: row.fields.nature,
          actualStartDate: row.fields.actualStartDate,
          error: row.issues.some((issue) => issue.severity === 'error'),
        },
        name,
      ).toEqual(expected)
      expect(row.fields.registered, `${name}: 是否入库 unknown, not 否`).toBeUndefined()
    }
  })

  test('the preview notes say where each value came from, and flag words against dates and a future actual date', async () => {
    const parsed = await read(COUNTY_FILES.xlsx)
    const notes = (name: string) => parsed.rows.find((row) => row.fields.name === name)!
    expect(notes('县图书馆新馆').inferred.map((note) => note.message)).toEqual([
      '实际开工时间“3月底”按填报年份2022年推定为 2022-03-31',
      '建设性质按分组行“一、续建项目（4个）”推定为“续建”',
      '产业类别按项目名称“图书馆”推定为“社会事业”',
      '当前阶段按进度文字“已开工”推定为“开工”',
    ])
    expect(notes('年产5万吨锂电材料项目').issues.map((issue) => issue.message)).toEqual(['按进度文字为“签约”，但实际开工时间 2022-05-10表明开工，请核对'])
    expect(notes('乡村振兴示范园').issues).toEqual([
      expect.objectContaining({ severity: 'error', column: '实际开工时间', message: expect.stringContaining('晚于填报日期 2022-08-20') }),
    ])
    expect(notes('乡村振兴示范园').inferred.map((note) => [note.field, note.from])).toContainEqual(['industry', 'unset'])
    expect(notes('城区智慧停车场').inferred.map((note) => note.message)).toContain('没有当前阶段、进度文字或实际日期可依，暂放“谋划”，请核对')
  })

  test('a 小计 that does not add up and a wrong "（4个）" are shown with both figures', async () => {
    const parsed = await read(COUNTY_FILES.xlsx)
    expect(parsed.issues.filter((issue) => issue.rowNumber !== undefined).map((issue) => [issue.sheetName, issue.rowNumber, issue.message])).toEqual([
      ['续建项目', 8, '小计行总投资为14.00亿元（表中写作“14”，合140000万元），与本组3个项目逐行相加的13.70亿元（137000万元）不一致'],
      ['续建项目', 4, '分组“一、续建项目（4个）”写明4个项目，其下实际有3个项目行'],
    ])
    const sheetNotes = parsed.issues.filter((issue) => issue.rowNumber === undefined).map((issue) => issue.message)
    expect(sheetNotes).toContain('台账中没有“是否入库”列：是否入库保持“未填”，不会记为“否”')
    expect(sheetNotes).toContain(`有1列无法自动识别（“${UNKNOWN_HEADER}”）：请在“列映射”中选择用途，未选择的列不导入`)
  })

  test('the unknown 推进情况 column is offered as stage evidence; mapped so, it moves the car park to 投产', async () => {
    const unmapped = await read(COUNTY_FILES.xlsx)
    expect(unmapped.unknownColumns.map((column) => [column.sheetName, column.header, column.suggestion, column.choice])).toEqual([
      ['续建项目', UNKNOWN_HEADER, 'stageEvidence', undefined],
      ['新建项目', UNKNOWN_HEADER, 'stageEvidence', undefined],
    ])
    const mapped = await read(COUNTY_FILES.xlsx, { mapping: { [UNKNOWN_HEADER]: 'stageEvidence' } })
    const park = mapped.rows.find((row) => row.fields.name === '城区智慧停车场')!
    expect([park.fields.stage, park.stage.source, park.stage.evidence]).toEqual(['producing', 'words', '已建成投用'])
    const ignored = await read(COUNTY_FILES.xlsx, { mapping: { [UNKNOWN_HEADER]: 'ignore' } })
    expect(ignored.rows.find((row) => row.fields.name === '城区智慧停车场')?.fields.stage).toBe('planning')
  })

  test('a report date given in the preview wins over the title row, and one sheet can be left out', async () => {
    const parsed = await read(COUNTY_FILES.xlsx, { reportDate: '2022-12-31' as IsoDate, sheets: ['新建项目'] })
    expect(parsed.reportDate).toEqual({ date: '2022-12-31', source: 'given', text: '2022-12-31' })
    expect(parsed.rows.map((row) => row.fields.name)).toEqual(['冷链物流中心', '乡村振兴示范园', '城区智慧停车场'])
    const park = parsed.rows.find((row) => row.fields.name === '乡村振兴示范园')!
    expect([park.fields.actualStartDate, park.issues]).toEqual(['2022-12-31', []])
  })

  test('the GBK CSV reads the same first sheet as the workbook', async () => {
    const csv = await read(COUNTY_FILES.gbkCsv)
    const xlsx = await read(COUNTY_FILES.xlsx, { sheets: ['续建项目'] })
    expect([csv.format, csv.encoding, csv.reportDate?.date]).toEqual(['csv', 'gbk', '2022-08-20'])
    const facts = (rows: typeof csv.rows) =>
      rows.map((row) => [row.fields.name, row.fields.stage, row.fields.industry, row.fields.totalInvestment, row.fields.actualStartDate, row.fields.leaders])
    expect(facts(csv.rows)).toEqual(facts(xlsx.rows))
  })

  test('committed, unset 产业类别 and 是否入库 stay unset on the board and the preview counts what was inferred', async () => {
    const parsed = await read(COUNTY_FILES.xlsx, { reportDate: '2022-12-31' as IsoDate })
    const doc = new Y.Doc()
    const plan = planLedgerImport(doc, parsed)
    expect(plan.errors).toEqual([])
    applyLedgerImport(doc, plan, OFFICE)
    const garden = listProjects(doc).find((project) => project.name === '乡村振兴示范园')!
    expect([garden.industry, garden.registered, garden.stage]).toEqual([undefined, undefined, 'started'])
    const json = importPlanToJson(plan, parsed)
    expect(json.inferredCounts).toContainEqual({ field: '产业类别', from: '未填写，留待补充', count: 1 })
    expect(json.inferredCounts).toContainEqual({ field: '当前阶段', from: '按进度文字推定', count: 5 })
    expect(json.rows.find((row) => row.name === '城东污水处理厂提标改造')).toMatchObject({
      stage: 'producing',
      stageSourceLabel: '进度文字',
      stageEvidence: '已投产',
    })
  })
})
