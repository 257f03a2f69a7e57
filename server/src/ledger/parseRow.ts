import { checkRecordField } from '@guatu/shared/board/recordSchemas'
import type { IsoDate } from '@guatu/shared/domain/dates'
import { checkProjectField, type ProjectField } from '@guatu/shared/domain/project'
import { NATURE_LABEL, type Nature } from '@guatu/shared/domain/nature'
import { PROJECT_FIELD_LABEL } from '@guatu/shared/domain/projectFieldLabels'
import { normalizeProjectCode } from '@guatu/shared/domain/projectCode'
import { STAGE_LABEL, type Stage } from '@guatu/shared/domain/stage'
import { COORDINATE_SOURCE_LABEL, CoordinateSource, formatCoordinates } from '@guatu/shared/domain/coordinates'
import { isBlankCell, type LedgerCell } from './cellText.ts'
import { booleanFromLedgerText, industryFromLedgerText, natureFromLedgerText, splitLeaders, stageFromLedgerText } from './fieldLabels.ts'
import type { ExtraColumn, LedgerColumn } from './findTable.ts'
import type { LedgerColumnKind } from './headerMap.ts'
import { describeIndustryGuess, guessIndustry, IndustryEvidence } from './inferIndustry.ts'
import { readStage, StageSource } from './inferStage.ts'
import { InferenceSource, IssueSeverity, type Inference, type ParsedRow } from './ledgerTypes.ts'
import { parseLedgerDate } from './parseDate.ts'
import { COORDINATE_SYSTEM_LABEL, CoordinateSystem, toWgs84 } from '@guatu/shared/geo/coordinateSystem'
import { readCoordinateColumns, readCoordinateText, type CoordinateReading } from '@guatu/shared/geo/parseCoordinates'
import { parseLedgerMoney } from './parseMoney.ts'
import { parseProblemCell } from './problemText.ts'

export interface RowContext {
  sheetName: string
  /** The year dates without one are read in (the report's). */
  year: number
  /** Actual dates after it are errors: a project cannot have started after the report was written. */
  reportDate?: IsoDate
  /** 建设性质 of the section the row sits in (一、续建项目), used when the row names none. */
  sectionNature?: Nature
  /** The heading of the section the row sits in, as evidence of its 产业类别 ("（一）工业项目"). */
  sectionLabel?: string
  /** The system the ledger's coordinates are written in (coordinateSystemOfLedger); WGS-84 when absent. */
  coordinateSystem?: CoordinateSystem
}

const ACTUAL_DATE_KINDS = new Set<LedgerColumnKind>(['actualSignDate', 'actualStartDate', 'actualProduceDate'])

const TEXT_KINDS = new Set<LedgerColumnKind>(['name', 'cluster', 'location', 'scope', 'unit', 'owner', 'progressNote'])
const MONEY_KINDS = new Set<LedgerColumnKind>(['totalInvestment', 'annualPlanInvestment', 'completedInvestment'])
const DATE_KINDS = new Set<LedgerColumnKind>([
  'plannedSignDate',
  'plannedStartDate',
  'plannedProduceDate',
  'actualSignDate',
  'actualStartDate',
  'actualProduceDate',
])

/**
 * Reads one project row. Every value is checked with the board's own field validators, so a row
 * without errors can be written as it is; a row with any error is reported and not imported.
 */
export function parseProjectRow(
  rowNumber: number,
  cells: (column: number) => LedgerCell,
  columns: readonly LedgerColumn[],
  context: RowContext,
  extras: readonly ExtraColumn[] = [],
): ParsedRow {
  const row: ParsedRow = {
    sheetName: context.sheetName,
    rowNumber,
    fields: {},
    problems: [],
    issues: [],
    stage: { stage: 'planning', source: StageSource.none, evidence: '' },
    inferred: [],
    defaulted: [],
    extra: {},
  }
  for (const extra of extras) {
    const cell = cells(extra.column)
    if (!isBlankCell(cell)) row.extra[extra.key] = { text: cell.text, header: extra.header }
  }
  const fields = row.fields as Record<string, unknown>
  const issue = (severity: IssueSeverity, column: LedgerColumn | undefined, message: string) =>
    row.issues.push({ sheetName: context.sheetName, rowNumber, ...(column ? { column: column.header } : {}), severity, message })
  const infer = (field: ProjectField, from: Inference['from'], message: string) => row.inferred.push({ field, from, message })

  const evidence: string[] = []
  let columnStage: Stage | undefined
  const coordinateCells: Partial<Record<'longitude' | 'latitude' | 'coordinates', { column: LedgerColumn; cell: LedgerCell }>> = {}
  for (const column of columns) {
    const cell = cells(column.column)
    if (isBlankCell(cell)) continue
    const report = (severity: IssueSeverity, message: string) => issue(severity, column, message)
    if (column.kind === 'longitude' || column.kind === 'latitude' || column.kind === 'coordinates') {
      coordinateCells[column.kind] = { column, cell }
      continue
    }
    if (column.kind === 'stageEvidence' || column.kind === 'progressNote') evidence.push(cell.text)
    if (column.kind === 'stage') {
      columnStage = stageFromLedgerText(cell.text)
      if (!columnStage) report(IssueSeverity.warning, `当前阶段“${cell.text}”无法识别，改从进度文字和实际日期判断`)
      continue
    }
    if (DATE_KINDS.has(column.kind)) {
      readDate(column, cell, context, fields, report, infer)
      continue
    }
    readColumn(column, cell, context, fields, row, report)
  }

  const columnOf = (kind: LedgerColumnKind) => columns.find((column) => column.kind === kind)
  readCoordinates(coordinateCells, context.coordinateSystem ?? CoordinateSystem.wgs84, fields, issue, infer)
  inferNatureAndIndustry(context, fields, row, infer)
  const stage = readStage(columnStage, evidence, row.fields)
  row.stage = stage
  fields.stage = stage.stage
  if (stage.source === StageSource.words) infer('stage', InferenceSource.words, `当前阶段按进度文字“${stage.evidence}”推定为“${STAGE_LABEL[stage.stage]}”`)
  if (stage.source === StageSource.dates) infer('stage', InferenceSource.dates, `当前阶段按${stage.evidence}推定为“${STAGE_LABEL[stage.stage]}”`)
  if (stage.source === StageSource.none) {
    row.defaulted.push('stage')
    infer('stage', InferenceSource.unset, `没有当前阶段、进度文字或实际日期可依，暂放“${STAGE_LABEL[stage.stage]}”，请核对`)
  }
  if (stage.disagreement) issue(IssueSeverity.warning, columnOf('stage') ?? columnOf('progressNote'), stage.disagreement)
  for (const required of ['name', 'unit'] as const) {
    if (fields[required] === undefined) issue(IssueSeverity.error, columnOf(required), `${required === 'name' ? '项目名称' : '责任单位'}不能为空`)
  }
  for (const [field, value] of Object.entries(fields)) {
    const message = checkProjectField(field as ProjectField, value)
    if (message)
      issue(
        IssueSeverity.error,
        columns.find((column) => column.kind === field),
        message,
      )
  }
  for (const problem of row.problems) {
    for (const [field, value] of Object.entries(problem)) {
      const message = field === 'status' ? undefined : checkRecordField('problems', field, value)
      if (message) issue(IssueSeverity.error, columnOf('problems'), `存在问题：${message}`)
    }
  }
  return row
}

type Report = (severity: IssueSeverity, message: string) => void

function readColumn(column: LedgerColumn, cell: LedgerCell, context: RowContext, fields: Record<string, unknown>, row: ParsedRow, report: Report): void {
  const { kind } = column
  if (TEXT_KINDS.has(kind)) {
    fields[kind] = cell.text
  } else if (MONEY_KINDS.has(kind)) {
    const money = parseLedgerMoney(cell, column.unit)
    if (money.kind === 'amount') fields[kind] = money.amount
    else if (money.kind === 'error') report(IssueSeverity.error, money.message)
  } else {
    readOtherColumn(kind, cell, context, fields, row, report)
  }
}

function readOtherColumn(kind: LedgerColumnKind, cell: LedgerCell, context: RowContext, fields: Record<string, unknown>, row: ParsedRow, report: Report): void {
  switch (kind) {
    case 'seq': {
      const seq = Number(cell.number ?? cell.text)
      if (Number.isSafeInteger(seq) && seq >= 0) fields.seq = seq
      else report(IssueSeverity.warning, `序号“${cell.text}”不是整数，已忽略`)
      return
    }
    case 'nature': {
      const nature = natureFromLedgerText(cell.text)
      if (nature) fields.nature = nature
      else report(IssueSeverity.warning, `建设性质“${cell.text}”无法识别，${context.sectionNature ? '按所在分组' : '导入为“性质未填”'}`)
      return
    }
    case 'industry': {
      const industry = industryFromLedgerText(cell.text)
      if (industry) fields.industry = industry
      else report(IssueSeverity.warning, `产业类别“${cell.text}”无法识别，导入为“未分类”，请在看板上补充`)
      return
    }
    case 'leaders':
      fields.leaders = splitLeaders(cell.text)
      return
    case 'projectCode':
      // Checked with the other fields below: a malformed code is an error on its row, never dropped silently.
      fields.projectCode = normalizeProjectCode(cell.text)
      return
    case 'phone':
      if (checkProjectField('phone', cell.text)) report(IssueSeverity.warning, `联系电话“${cell.text}”格式不正确，未导入`)
      else fields.phone = cell.text
      return
    case 'registered':
    case 'governmentFunded': {
      const value = booleanFromLedgerText(cell.text)
      if (value === undefined) report(IssueSeverity.warning, `“${cell.text}”应为是或否，未导入`)
      else fields[kind] = value
      return
    }
    case 'problems':
      row.problems = parseProblemCell(cell.text, context.year)
      return
    default:
      return
  }
}

type Infer = (field: ProjectField, from: Inference['from'], message: string) => void

/**
 * 坐标 from the row's 经度 and 纬度 columns, or from one column holding both. A point that cannot
 * be read, lies outside China or looks swapped is a warning on the row and is not imported: the
 * project itself is still good, and a wrong point on the map is worse than none.
 */
function readCoordinates(
  cells: Partial<Record<'longitude' | 'latitude' | 'coordinates', { column: LedgerColumn; cell: LedgerCell }>>,
  system: CoordinateSystem,
  fields: Record<string, unknown>,
  issue: (severity: IssueSeverity, column: LedgerColumn | undefined, message: string) => void,
  infer: Infer,
): void {
  const { longitude, latitude, coordinates } = cells
  let reading: CoordinateReading | undefined
  let column: LedgerColumn | undefined
  if (longitude && latitude) {
    reading = readCoordinateColumns(longitude.cell, latitude.cell)
    column = longitude.column
  } else if (longitude || latitude) {
    const only = (longitude ?? latitude)!
    issue(IssueSeverity.warning, only.column, `只有${longitude ? '经度' : '纬度'}没有${longitude ? '纬度' : '经度'}，未导入坐标`)
  } else if (coordinates) {
    reading = readCoordinateText(coordinates.cell.text)
    column = coordinates.column
  }
  if (!reading) return
  if (reading.kind === 'error') return issue(IssueSeverity.warning, column, reading.message)
  // Read and judged as written; converted after (a GCJ-02 point in China stays in China, some 500 m off).
  const point = toWgs84(reading.lng, reading.lat, system)
  fields.coordinates = { lng: point.lng, lat: point.lat, source: CoordinateSource.import }
  infer(
    'coordinates',
    InferenceSource.coordinateColumns,
    system === CoordinateSystem.wgs84
      ? `${reading.how}为 ${formatCoordinates(point)}（${COORDINATE_SOURCE_LABEL.import}，按 ${COORDINATE_SYSTEM_LABEL.wgs84}）`
      : `${reading.how}为 ${formatCoordinates(reading)}，按 ${COORDINATE_SYSTEM_LABEL[system]} 换算为 WGS-84 ${formatCoordinates(point)}（${COORDINATE_SOURCE_LABEL.import}）`,
  )
}

/**
 * A date cell, judged against the report date: a partial date (3月底, 上半年, 年内) is resolved in
 * the report's year and noted; an actual date after the report date is an error on the row — it
 * is a plan written in the wrong column, or a typo, and taken as a fact it would move the card.
 */
function readDate(column: LedgerColumn, cell: LedgerCell, context: RowContext, fields: Record<string, unknown>, report: Report, infer: Infer): void {
  const field = column.kind as ProjectField
  const label = PROJECT_FIELD_LABEL[field]
  const date = parseLedgerDate(cell, context.year)
  if (date.kind === 'pending') return report(IssueSeverity.warning, `日期“${cell.text}”：按未定日期导入`)
  if (date.kind === 'error') return report(IssueSeverity.error, date.message)
  if (date.kind === 'empty') return
  if (ACTUAL_DATE_KINDS.has(column.kind) && context.reportDate && date.date > context.reportDate) {
    return report(
      IssueSeverity.error,
      `${label}“${cell.text}”（${date.date}）晚于填报日期 ${context.reportDate}：实际日期不能在填报日期之后，请改为实际发生的日期或填入计划时间`,
    )
  }
  fields[field] = date.date
  if (date.partial || date.yearAssumed) {
    const how = date.yearAssumed ? `按填报年份${context.year}年推定` : '推定'
    infer(field, InferenceSource.reportYear, `${label}“${cell.text}”${how}为 ${date.date}`)
  }
}

/**
 * No silent defaults: a 建设性质 comes from the row or its section; a 产业类别 from the row, or
 * from evidence (section heading, 产业集群, name) with a note; otherwise both stay unset (未分类)
 * and the row says so. Guesses from a cluster or a name are `defaulted`: they never overwrite
 * what a card on the board already has.
 */
function inferNatureAndIndustry(context: RowContext, fields: Record<string, unknown>, row: ParsedRow, infer: Infer): void {
  if (fields.nature === undefined && context.sectionNature) {
    fields.nature = context.sectionNature
    infer('nature', InferenceSource.section, `建设性质按分组行“${context.sectionLabel ?? ''}”推定为“${NATURE_LABEL[context.sectionNature]}”`)
  } else if (fields.nature === undefined) {
    infer('nature', InferenceSource.unset, '建设性质未填写，导入为“性质未填”，请在看板上补充')
  }
  if (fields.industry !== undefined) return
  const guess = guessIndustry({
    ...(context.sectionLabel ? { section: context.sectionLabel } : {}),
    ...(typeof fields.cluster === 'string' ? { cluster: fields.cluster } : {}),
    ...(typeof fields.name === 'string' ? { name: fields.name } : {}),
  })
  if (!guess) {
    infer('industry', InferenceSource.unset, '产业类别未填写且无从推定，导入为“未分类”，请在看板上补充')
    return
  }
  fields.industry = guess.industry
  if (guess.from !== IndustryEvidence.section) row.defaulted.push('industry')
  infer('industry', guess.from, describeIndustryGuess(guess))
}
