import { COORDINATE_SYSTEM_LABEL, CoordinateSystem, coordinateSystemNamedIn, type CoordinateSystem as System } from '@guatu/shared/geo/coordinateSystem'
import type { LedgerTable } from './findTable.ts'
import { classifyRow } from './rowClassifier.ts'
import { rowTexts, type SheetGrid } from './sheetGrid.ts'

/** Where the ledger's coordinate system came from: the preview shows it beside the choice. */
export const CoordinateSystemSource = {
  /** Chosen by the office in the preview. */
  given: 'given',
  /** Named in a coordinate column's header or in a title or note row ("经度（高德）"). */
  named: 'named',
  /** Nothing said otherwise: WGS-84 / CGCS2000, what GPS, 天地图 and surveys give. */
  default: 'default',
} as const
export type CoordinateSystemSource = (typeof CoordinateSystemSource)[keyof typeof CoordinateSystemSource]

export const COORDINATE_SYSTEM_SOURCE_LABEL: Record<CoordinateSystemSource, string> = {
  given: '导入时选择',
  named: '台账中注明',
  default: '默认',
}

export interface LedgerCoordinateSystem {
  system: System
  source: CoordinateSystemSource
  /** The words it was read from, quoted in the preview ("经度（高德）"); empty for the default. */
  text: string
}

const COORDINATE_KINDS = new Set(['longitude', 'latitude', 'coordinates'])

/**
 * Which system the ledger's coordinates are in: the office's choice, else what a coordinate
 * column's header or a title or note row names, else WGS-84. Undefined when no chosen sheet has
 * a coordinate column (nothing to ask). Only those places are read: a project named 百度云数据中心
 * says nothing about its point.
 */
export function coordinateSystemOfLedger(
  reading: readonly { grid: SheetGrid; table: LedgerTable }[],
  given: System | undefined,
): LedgerCoordinateSystem | undefined {
  const withCoordinates = reading.filter(({ table }) => table.columns.some((column) => COORDINATE_KINDS.has(column.kind)))
  if (withCoordinates.length === 0) return undefined
  if (given) return { system: given, source: CoordinateSystemSource.given, text: COORDINATE_SYSTEM_LABEL[given] }
  for (const { grid, table } of withCoordinates) {
    for (const column of table.columns) {
      if (!COORDINATE_KINDS.has(column.kind)) continue
      const named = coordinateSystemNamedIn(column.header)
      if (named) return { system: named.system, source: CoordinateSystemSource.named, text: `列名“${column.header}”` }
    }
    for (const text of [...titleTexts(grid, table), ...noteTexts(grid, table)]) {
      const named = coordinateSystemNamedIn(text)
      if (named) return { system: named.system, source: CoordinateSystemSource.named, text: `“${text.length > 60 ? `${text.slice(0, 60)}…` : text}”` }
    }
  }
  return { system: CoordinateSystem.wgs84, source: CoordinateSystemSource.default, text: '' }
}

function* titleTexts(grid: SheetGrid, table: LedgerTable): Generator<string> {
  for (let rowNumber = 1; rowNumber < table.headerRowNumber; rowNumber++) yield* rowTexts(grid, rowNumber)
}

/** The notes at the foot of the table (备注, 说明, 注：…), as the parser classifies them. */
function* noteTexts(grid: SheetGrid, table: LedgerTable): Generator<string> {
  let inNotes = false
  for (let rowNumber = table.headerRowNumber + 1; rowNumber <= grid.rowCount; rowNumber++) {
    if (!inNotes && classifyRow(grid, rowNumber, table.columns).kind !== 'note') continue
    inNotes = true
    yield* rowTexts(grid, rowNumber)
  }
}
