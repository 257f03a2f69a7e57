import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import ExcelJS from 'exceljs'
import { applyLedgerImport } from '@guatu/server/ledger/applyImport'
import { exportLedgerWorkbook } from '@guatu/server/ledger/exportLedger'
import { planLedgerImport } from '@guatu/server/ledger/importPlan'
import { parseLedgerWorkbook } from '@guatu/server/ledger/parseLedger'
import { raiseProblem, solveProblem } from '@guatu/shared/board/problemCommands'
import { listProblems } from '@guatu/shared/board/problemQueries'
import { listProjects, readColumn } from '@guatu/shared/board/projectQueries'
import { generateDemoLedger } from '@guatu/shared/demo/generateLedger'
import { createPrng } from '@guatu/shared/demo/prng'
import { seedBoardDoc } from '@guatu/shared/demo/seedBoard'
import type { IsoDate } from '@guatu/shared/domain/dates'
import { PROBLEM_CATEGORIES, type Problem } from '@guatu/shared/domain/problem'
import type { Project } from '@guatu/shared/domain/project'
import { OFFICE, stateOf } from './ledgerTestHelpers.ts'

const LEDGER = generateDemoLedger()
const DESCRIPTIONS = ['用地指标未落实', '环评批复尚未下达', '规划调整方案待审批', '专项债资金未到位', '施工许可证办理滞后', '园区供水、供电配套未到位']

/** The 160-project demo board with problems of every category, some solved, some without a deadline or lead unit. */
function demoBoard(): Y.Doc {
  const doc = new Y.Doc()
  const ids = seedBoardDoc(doc, LEDGER)
  const random = createPrng(7)
  ids.forEach((id, index) => {
    if (index % 4 !== 0) return
    for (let n = 0; n < random.int(1, 2); n++) {
      const problemId = raiseProblem(
        doc,
        id,
        {
          category: random.pick(PROBLEM_CATEGORIES),
          description: `${random.pick(DESCRIPTIONS)}（第${index}-${n + 1}号）`,
          leadUnit: random.chance(0.8) ? random.pick(LEDGER.units) : '',
          ...(random.chance(0.7) ? { deadline: `2022-${String(random.int(9, 12)).padStart(2, '0')}-${String(random.int(10, 28))}` as IsoDate } : {}),
        },
        OFFICE,
        { now: new Date(Date.UTC(2022, 7, 1, 0, index, n)) },
      )
      if (random.chance(0.3)) solveProblem(doc, problemId, OFFICE)
    }
  })
  return doc
}

async function exportBoard(doc: Y.Doc): Promise<Uint8Array> {
  return exportLedgerWorkbook({ boardName: LEDGER.boardName, year: LEDGER.year, asOf: LEDGER.asOf, projects: listProjects(doc), problems: listProblems(doc) })
}

async function importInto(doc: Y.Doc, bytes: Uint8Array) {
  const plan = planLedgerImport(doc, await parseLedgerWorkbook(bytes, { year: LEDGER.year }))
  applyLedgerImport(doc, plan, OFFICE)
  return plan
}

const withoutPlace = ({ id: _id, rank: _rank, ...fields }: Project) => fields
const problemFacts = ({ category, description, leadUnit, deadline, status }: Problem) => ({ category, description, leadUnit, deadline, status })

function boardFacts(doc: Y.Doc) {
  const problems = listProblems(doc)
  return new Map(
    listProjects(doc).map((project) => [
      project.name,
      {
        fields: withoutPlace(project),
        problems: problems
          .filter((problem) => problem.projectId === project.id)
          .map(problemFacts)
          .sort((a, b) => a.description.localeCompare(b.description)),
      },
    ]),
  )
}

describe('exporting the board and importing it back', () => {
  test('the round trip reproduces every field of 160 projects and every problem', async () => {
    const source = demoBoard()
    expect(listProblems(source).some((problem) => problem.status === 'solved')).toBe(true)
    const copy = new Y.Doc()
    const plan = await importInto(copy, await exportBoard(source))
    expect(plan.errors).toEqual([])
    expect(plan.warnings).toEqual([])
    expect(plan.creates).toHaveLength(160)
    expect(boardFacts(copy)).toEqual(boardFacts(source))
  })

  test('the exported 合计 row holds the exact total investment', async () => {
    const source = demoBoard()
    const parsed = await parseLedgerWorkbook(await exportBoard(source), { year: LEDGER.year })
    const sheet = parsed.sheets[0]!
    expect(parsed.skipped).toEqual([{ sheetName: sheet.name, rowNumber: sheet.headerRowNumber! + 161, reason: 'subtotal' }])
    expect(parsed.issues).toEqual([])
    expect(parsed.reportDate?.source).toBe('title')
  })

  test('importing the same ledger again creates nothing, changes nothing and raises no problem twice', async () => {
    const doc = demoBoard()
    const bytes = await exportBoard(doc)
    const before = stateOf(doc)
    const plan = await importInto(doc, bytes)
    expect({ creates: plan.creates.length, updates: plan.updates.length, unchanged: plan.unchanged }).toEqual({ creates: 0, updates: 0, unchanged: 160 })
    expect(stateOf(doc)).toEqual(before)
  })

  test('a changed ledger updates exactly the changed fields of the changed project', async () => {
    const doc = demoBoard()
    const target = listProjects(doc).find((project) => project.seq === 5 && project.stage !== 'producing')!
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await exportBoard(doc)).buffer as ArrayBuffer)
    const sheet = workbook.worksheets[0]!
    const row = sheet.getRow(3 + 5)
    expect(row.getCell(2).value).toBe(target.name)
    row.getCell(8).value = 12.345678
    row.getCell(11).value = '投产'
    row.getCell(17).value = new Date('2022-08-01T00:00:00Z')
    row.getCell(22).value = '已竣工投产'
    row.getCell(23).value = `${row.getCell(23).text}\n3.供气管网尚未接通`.trim()
    const changed = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)

    const plan = await importInto(doc, changed)
    expect(plan.creates).toEqual([])
    expect(plan.unchanged).toBe(159)
    expect(plan.updates).toHaveLength(1)
    expect(plan.updates[0]!.changes.map((change) => [change.field, change.to]).sort()).toEqual([
      ['actualProduceDate', '2022-08-01'],
      ['progressNote', '已竣工投产'],
      ['stage', 'producing'],
      ['totalInvestment', '123456.78'],
    ])
    expect(plan.updates[0]!.newProblems).toEqual([{ category: 'utilities', description: '供气管网尚未接通', leadUnit: '' }])
    const after = listProjects(doc).find((project) => project.id === target.id)!
    expect(withoutPlace(after)).toEqual({
      ...withoutPlace(target),
      totalInvestment: '123456.78',
      stage: 'producing',
      actualProduceDate: '2022-08-01',
      progressNote: '已竣工投产',
    })
    expect(readColumn(doc, 'producing').at(-1)?.id).toBe(target.id)
  })
})
