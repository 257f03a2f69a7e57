import { readFile } from 'node:fs/promises'
import path from 'node:path'
import * as Y from 'yjs'
import ExcelJS from 'exceljs'
import { parseLedgerWorkbook } from '@guatu/server/ledger/parseLedger'
import type { ParsedLedger } from '@guatu/server/ledger/ledgerTypes'
import type { Principal } from '@guatu/shared/domain/principal'
import { Role } from '@guatu/shared/domain/role'
import { REPO_ROOT } from '../helpers/paths.ts'
import { LEDGER_YEAR, type MessyLedgerSpec } from '../fixtures/ledgers/messyLedgerSpecs.ts'

export const FIXTURE_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'ledgers')

export const OFFICE: Principal = {
  kind: 'user',
  userId: 'u_office01',
  username: 'office',
  displayName: '项目办',
  role: Role.admin,
  units: [],
}

export async function readFixture(spec: MessyLedgerSpec): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path.join(FIXTURE_DIR, spec.file)))
}

export async function parseFixture(spec: MessyLedgerSpec): Promise<ParsedLedger> {
  return parseLedgerWorkbook(await readFixture(spec), { year: LEDGER_YEAR })
}

/** Builds a small workbook from rows of cell values (row 1 first), for layout edge cases. */
export async function workbookOf(rows: readonly (readonly ExcelJS.CellValue[])[], shape?: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('台账')
  rows.forEach((values, rowIndex) =>
    values.forEach((value, columnIndex) => {
      if (value !== null && value !== undefined && value !== '') sheet.getCell(rowIndex + 1, columnIndex + 1).value = value
    }),
  )
  shape?.(sheet)
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)
}

export function stateOf(doc: Y.Doc): { vector: Uint8Array; update: Uint8Array } {
  return { vector: Y.encodeStateVector(doc), update: Y.encodeStateAsUpdate(doc) }
}
