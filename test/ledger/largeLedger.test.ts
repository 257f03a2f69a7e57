import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { applyLedgerImport } from '@guatu/server/ledger/applyImport'
import { exportLedgerWorkbook } from '@guatu/server/ledger/exportLedger'
import { planLedgerImport } from '@guatu/server/ledger/importPlan'
import { parseLedgerWorkbook } from '@guatu/server/ledger/parseLedger'
import { listProblems } from '@guatu/shared/board/problemQueries'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { IsoDate } from '@guatu/shared/domain/dates'
import { sumCents, wanToCents } from '@guatu/shared/domain/money'
import { LEDGER_YEAR, demoProjectsFor, wanTextToCentsBig } from '../fixtures/ledgers/messyLedgerSpecs.ts'
import { buildWanFormatsLedger } from '../fixtures/ledgers/wanFormatsLedger.ts'
import { OFFICE } from './ledgerTestHelpers.ts'

/** A city's board: 2,000 rows in the messiest layout, generated here rather than committed. */
const CITY = { file: '(generated)', seed: 2000, count: 2000, brokenIndexes: [] }

describe('a 2,000-row ledger', () => {
  test('imports every project with the exact total and exports to the same total', async () => {
    const source = demoProjectsFor(CITY)
    const expectedCents = source.reduce((sum, project) => sum + wanTextToCentsBig(project.totalInvestment), 0n)
    const doc = new Y.Doc()
    const plan = planLedgerImport(doc, await parseLedgerWorkbook(await buildWanFormatsLedger(source), { year: LEDGER_YEAR }))
    expect(plan.errors).toEqual([])
    applyLedgerImport(doc, plan, OFFICE)
    const projects = listProjects(doc)
    expect(projects).toHaveLength(2000)
    expect(BigInt(sumCents(projects.map((project) => project.totalInvestment)))).toBe(expectedCents)

    const exported = await exportLedgerWorkbook({
      boardName: '示例市',
      year: LEDGER_YEAR,
      asOf: '2022-08-20' as IsoDate,
      projects,
      problems: listProblems(doc),
    })
    const reread = await parseLedgerWorkbook(exported, { year: LEDGER_YEAR })
    expect(reread.issues).toEqual([])
    expect(BigInt(wanToCents(planLedgerImport(new Y.Doc(), reread).totals.totalInvestmentWan))).toBe(expectedCents)
  })
})
