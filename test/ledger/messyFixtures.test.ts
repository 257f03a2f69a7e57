import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { applyLedgerImport } from '@guatu/server/ledger/applyImport'
import { planLedgerImport } from '@guatu/server/ledger/importPlan'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { listProblems } from '@guatu/shared/board/problemQueries'
import { ZERO_WAN, sumCents, wanToCents } from '@guatu/shared/domain/money'
import { BROKEN_DATE_TEXT, PENDING_SIGN_INDEX, UNKNOWN_INDUSTRY_INDEX, brokenLedgerRowNumber } from '../fixtures/ledgers/brokenRowLedger.ts'
import { MESSY_LEDGERS, demoProjectsFor, wanLedgerPendingStart, wanTextToCentsBig, type MessyLedgerSpec } from '../fixtures/ledgers/messyLedgerSpecs.ts'
import { monthOnly } from '../fixtures/ledgers/wanFormatsLedger.ts'
import { YI_LEDGER_PROBLEM_TEXT, yiLedgerHasProblems } from '../fixtures/ledgers/yiSectionsLedger.ts'
import { OFFICE, parseFixture, stateOf } from './ledgerTestHelpers.ts'

/** What a fixture must import to, from the demo data it was written from (BigInt, not app code). */
function expectedImport(spec: MessyLedgerSpec) {
  const projects = demoProjectsFor(spec).filter((_, index) => !spec.brokenIndexes.includes(index))
  const totalCents = projects.reduce((sum, project) => sum + wanTextToCentsBig(project.totalInvestment), 0n)
  return { projects, count: projects.length, totalCents }
}

const byName = <T extends { name: string }>(items: readonly T[]) => new Map(items.map((item) => [item.name, item]))

describe('importing the messy fixture ledgers', () => {
  test.each(Object.values(MESSY_LEDGERS))('$file imports the expected number of projects with the exact total investment', async (spec) => {
    const expected = expectedImport(spec)
    const plan = planLedgerImport(new Y.Doc(), await parseFixture(spec))
    expect(plan.creates).toHaveLength(expected.count)
    expect(plan.totals.projects).toBe(expected.count)
    expect(BigInt(sumCents(plan.creates.map((create) => create.fields.totalInvestment ?? ZERO_WAN)))).toBe(expected.totalCents)
    expect(BigInt(wanToCents(plan.totals.totalInvestmentWan))).toBe(expected.totalCents)
  })

  test.each([MESSY_LEDGERS.yiSections, MESSY_LEDGERS.wanFormats])('every amount and actual date of $file matches its source project', async (spec) => {
    const imported = byName((await parseFixture(spec)).rows.map((row) => ({ ...row.fields, name: row.fields.name ?? '' })))
    for (const source of expectedImport(spec).projects) {
      const row = imported.get(source.name)
      expect(row, source.name).toBeTruthy()
      const pick = ({
        nature,
        stage,
        unit,
        leaders,
        totalInvestment,
        annualPlanInvestment,
        completedInvestment,
        actualSignDate,
        actualStartDate,
        actualProduceDate,
      }: typeof source) => ({
        nature,
        stage,
        unit,
        leaders,
        totalInvestment,
        annualPlanInvestment,
        completedInvestment,
        actualSignDate,
        actualStartDate,
        actualProduceDate,
      })
      expect(pick(row as unknown as typeof source), source.name).toEqual(pick(source))
    }
  })

  test('sections give 建设性质 and 小计, 合计 and notes are skipped without a total warning', async () => {
    const parsed = await parseFixture(MESSY_LEDGERS.yiSections)
    expect(parsed.sheets.map((sheet) => sheet.headerRowNumber)).toEqual([4])
    expect(parsed.skipped.map((skip) => skip.reason).sort()).toEqual(
      ['blank', 'note', 'note', 'section', 'section', 'section', 'subtotal', 'subtotal', 'subtotal', 'subtotal'].sort(),
    )
    expect(parsed.issues.filter((issue) => issue.rowNumber !== undefined)).toEqual([])
    expect(parsed.rows.flatMap((row) => row.issues)).toEqual([])
  })

  test('a numbered 存在问题 cell becomes one problem per item on the board', async () => {
    const spec = MESSY_LEDGERS.yiSections
    const doc = new Y.Doc()
    applyLedgerImport(doc, planLedgerImport(doc, await parseFixture(spec)), OFFICE)
    const withProblems = demoProjectsFor(spec).filter((_, index) => yiLedgerHasProblems(index))
    const projects = byName(listProjects(doc))
    const problems = listProblems(doc)
    expect(YI_LEDGER_PROBLEM_TEXT).toContain('；')
    for (const source of withProblems) {
      const project = projects.get(source.name)
      const mine = problems.filter((problem) => problem.projectId === project?.id).map((problem) => [problem.category, problem.status])
      expect(mine.sort()).toEqual([
        ['environment', 'open'],
        ['land', 'open'],
      ])
    }
    expect(problems).toHaveLength(withProblems.length * 2)
  })

  test('待定 planned dates import as no date with a warning, and month-only dates as the month end', async () => {
    const spec = MESSY_LEDGERS.wanFormats
    const parsed = await parseFixture(spec)
    const rows = byName(parsed.rows.map((row) => ({ ...row, name: row.fields.name ?? '' })))
    demoProjectsFor(spec).forEach((source, index) => {
      const row = rows.get(source.name)
      if (wanLedgerPendingStart(index)) {
        expect(row?.fields.plannedStartDate).toBeUndefined()
        if (source.plannedStartDate) expect(row?.issues.map((issue) => issue.severity)).toEqual(['warning'])
      } else {
        expect(row?.fields.plannedStartDate).toBe(source.plannedStartDate)
      }
      if (source.plannedProduceDate) {
        const [year, month] = monthOnly(source.plannedProduceDate).match(/\d+/g)!.map(Number) as [number, number]
        const lastDay = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10)
        expect(row?.fields.plannedProduceDate).toBe(lastDay)
      }
    })
  })
})

describe('a ledger with an unparseable row', () => {
  const spec = MESSY_LEDGERS.brokenRow
  const brokenIndex = spec.brokenIndexes[0] as number

  test('the bad row is reported with its Excel row number and column, and warnings do not block', async () => {
    const plan = planLedgerImport(new Y.Doc(), await parseFixture(spec))
    expect(plan.errors).toEqual([
      {
        sheetName: '重点项目台账',
        rowNumber: brokenLedgerRowNumber(brokenIndex),
        column: '计划开工时间',
        severity: 'error',
        message: expect.stringContaining(BROKEN_DATE_TEXT),
      },
    ])
    expect(plan.rows.find((row) => row.rowNumber === brokenLedgerRowNumber(brokenIndex))?.action).toBe('error')
    expect(plan.warnings.map((warning) => [warning.rowNumber, warning.column])).toEqual([
      [brokenLedgerRowNumber(UNKNOWN_INDUSTRY_INDEX), '产业类别'],
      [brokenLedgerRowNumber(PENDING_SIGN_INDEX), '计划签约时间'],
    ])
  })

  test('applying the import throws and leaves the board document exactly as it was', async () => {
    const doc = new Y.Doc()
    applyLedgerImport(doc, planLedgerImport(doc, await parseFixture(MESSY_LEDGERS.yiSections)), OFFICE)
    const before = stateOf(doc)
    const plan = planLedgerImport(doc, await parseFixture(spec))
    expect(plan.creates.length).toBeGreaterThan(0)
    expect(() => applyLedgerImport(doc, plan, OFFICE)).toThrow(/错误/)
    expect(stateOf(doc)).toEqual(before)
  })
})
