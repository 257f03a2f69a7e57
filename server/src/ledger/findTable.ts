import { ColumnUse, mappingKey, type ColumnChoice, type ColumnMapping } from '@guatu/shared/ledger/columnMapping'
import { matchHeader, normalizeHeader, suggestColumnChoice, type LedgerColumnKind } from './headerMap.ts'
import { MoneyUnit } from './parseMoney.ts'
import { rowTexts, type SheetGrid } from './sheetGrid.ts'

export interface LedgerColumn {
  column: number
  kind: LedgerColumnKind
  /** The header as written (both rows of a two-row header, joined by "/"), for messages. */
  header: string
  /** Money columns: the unit plain numbers are read in. */
  unit: MoneyUnit
}

/** A header the importer does not know, with what it suggests and what the office chose. */
export interface UnknownColumn {
  column: number
  header: string
  /** mappingKey(header): how the choice is remembered per board. */
  key: string
  suggestion: ColumnChoice
  /** The office's choice (this import's, or remembered from the last); absent until it chooses. */
  choice?: ColumnChoice
}

/**
 * A column an import reads beyond the project fields (the 项目库's 储备级别 and 来源单位): named by
 * the caller, read as text, and interpreted by that caller — the ledger parser knows no meaning.
 * Structured-clonable, since the options cross to the parse process.
 */
export interface ExtraColumnRule {
  key: string
  /** Tried on the header with spaces, the unit and brackets removed (normalizeHeader). */
  pattern: RegExp
}

/** A column the caller asked for by name (ExtraColumnRule), outside the project fields. */
export interface ExtraColumn {
  column: number
  key: string
  header: string
}

export interface LedgerTable {
  /** The last header row; data starts below it. */
  headerRowNumber: number
  columns: LedgerColumn[]
  unknown: UnknownColumn[]
  extras: ExtraColumn[]
}

/** Title rows, 填报单位 and 单位：万元 lines sit above the header; the header is within the first rows. */
const HEADER_SEARCH_ROWS = 20
/** A header names at least the project and two other columns. */
const MIN_HEADER_COLUMNS = 3
/** A sub-header cell is a short word (签约, 实际, 1-7月); longer text is data. */
const MAX_SUBHEADER_LENGTH = 12

/**
 * Finds the header of a ledger sheet: the row (among the first ones) naming the most known
 * columns, one of them 项目名称. A second header row below it (计划时间 merged over 签约 / 开工 /
 * 投产) is joined to it column by column. Returns undefined when no row looks like a header.
 */
export function findLedgerTable(grid: SheetGrid, mapping: ColumnMapping = {}, extraRules: readonly ExtraColumnRule[] = []): LedgerTable | undefined {
  let best: { rowNumber: number; columns: MappedColumn[]; headers: string[] } | undefined
  const lastRow = Math.min(grid.rowCount, HEADER_SEARCH_ROWS)
  for (let rowNumber = 1; rowNumber <= lastRow; rowNumber++) {
    const singleHeaders = rowTexts(grid, rowNumber)
    const single = mapColumns(grid, singleHeaders)
    const joinedHeaders = isSubHeaderRow(grid, rowNumber) ? joinHeaderRows(grid, rowNumber) : undefined
    const joined = joinedHeaders ? mapColumns(grid, joinedHeaders) : undefined
    const candidate =
      joined && joinedHeaders && joined.length >= single.length
        ? { rowNumber: rowNumber + 1, columns: joined, headers: joinedHeaders }
        : { rowNumber, columns: single, headers: singleHeaders }
    if (!candidate.columns.some((column) => column.kind === 'name') || candidate.columns.length < MIN_HEADER_COLUMNS) continue
    if (!best || candidate.columns.length > best.columns.length) best = candidate
  }
  if (!best) return undefined
  const defaultUnit = unitNamedAbove(grid, best.rowNumber)
  const columns = best.columns.map((column) => ({ ...column, unit: column.unit ?? defaultUnit }))
  const extras = extraColumns(best.headers, columns, extraRules)
  const unknown = unknownColumns(best.headers, columns, mapping).filter((column) => !extras.some((extra) => extra.column === column.column))
  const seen = new Set(columns.map((column) => column.kind))
  for (const { column, header, choice } of unknown) {
    if (choice === undefined || choice === ColumnUse.ignore || seen.has(choice)) continue
    seen.add(choice)
    columns.push({ column, kind: choice, header, unit: defaultUnit })
  }
  columns.sort((a, b) => a.column - b.column)
  return { headerRowNumber: best.rowNumber, columns, unknown, extras }
}

/** Headers no project field claims that one of the caller's rules names; the first column per key wins. */
function extraColumns(headers: readonly string[], known: readonly LedgerColumn[], rules: readonly ExtraColumnRule[]): ExtraColumn[] {
  const knownColumns = new Set(known.map((column) => column.column))
  const extras: ExtraColumn[] = []
  headers.forEach((header, index) => {
    if (knownColumns.has(index + 1)) return
    const { label } = normalizeHeader(header.replace('/', ''))
    const rule = rules.find((candidate) => candidate.pattern.test(label))
    if (rule && !extras.some((extra) => extra.key === rule.key)) extras.push({ column: index + 1, key: rule.key, header: header.trim() })
  })
  return extras
}

/** Header cells that name no known column (and are no repeat of one), with the office's choice if any. */
function unknownColumns(headers: readonly string[], known: readonly LedgerColumn[], mapping: ColumnMapping): UnknownColumn[] {
  const knownColumns = new Set(known.map((column) => column.column))
  return headers.flatMap((header, index) => {
    const text = header.trim()
    if (text === '' || knownColumns.has(index + 1) || matchHeader(text.replace('/', ''))) return []
    const key = mappingKey(text)
    if (key.length > 60) return []
    const choice = mapping[key]
    return [{ column: index + 1, header: text, key, suggestion: suggestColumnChoice(text), ...(choice ? { choice } : {}) }]
  })
}

type MappedColumn = Omit<LedgerColumn, 'unit'> & { unit?: MoneyUnit }

function mapColumns(grid: SheetGrid, headers: readonly string[]): MappedColumn[] {
  const seen = new Set<LedgerColumnKind>()
  const columns: MappedColumn[] = []
  headers.forEach((header, index) => {
    const match = matchHeader(header.replace('/', ''))
    // The first column of a kind wins: a later "其中：…完成投资" breakdown is not the total.
    if (!match || seen.has(match.kind)) return
    seen.add(match.kind)
    columns.push({ column: index + 1, kind: match.kind, header, ...(match.unit ? { unit: match.unit } : {}) })
  })
  return columns
}

/**
 * Whether the row below `rowNumber` completes a two-row header: some header cell is merged across
 * several columns (计划时间 over three dates) and the cells below it hold short, different labels,
 * while the 项目名称 cell is empty or the same (merged down) — a data row would name a project.
 */
function isSubHeaderRow(grid: SheetGrid, rowNumber: number): boolean {
  if (rowNumber + 1 > grid.rowCount) return false
  const top = rowTexts(grid, rowNumber)
  const below = rowTexts(grid, rowNumber + 1)
  const nameIndex = top.findIndex((text) => matchHeader(text)?.kind === 'name')
  if (nameIndex < 0 || (below[nameIndex] !== '' && below[nameIndex] !== top[nameIndex])) return false
  let labelsUnderMerged = 0
  for (let column = 1; column <= grid.columnCount; column++) {
    const text = below[column - 1] ?? ''
    if (text === '' || text === top[column - 1]) continue
    if (text.length > MAX_SUBHEADER_LENGTH || grid.cell(rowNumber + 1, column).number !== undefined) return false
    if (grid.isMergedAcross(rowNumber, column)) labelsUnderMerged++
  }
  return labelsUnderMerged > 0
}

function joinHeaderRows(grid: SheetGrid, rowNumber: number): string[] {
  const top = rowTexts(grid, rowNumber)
  const below = rowTexts(grid, rowNumber + 1)
  return top.map((text, index) => {
    const sub = below[index] ?? ''
    return sub === '' || sub === text ? text : `${text}/${sub}`
  })
}

/** "单位：万元" in a title or note line above the header sets the unit of headers that name none. */
function unitNamedAbove(grid: SheetGrid, headerRowNumber: number): MoneyUnit {
  for (let rowNumber = 1; rowNumber < headerRowNumber; rowNumber++) {
    for (const text of rowTexts(grid, rowNumber)) {
      const match = /单位[:：]\s*(亿元|万元)/.exec(text)
      if (match) return match[1] === '万元' ? MoneyUnit.wan : MoneyUnit.yi
    }
  }
  return MoneyUnit.yi
}
