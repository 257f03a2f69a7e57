import type { LedgerCoordinateSystem } from './coordinateSystemOfLedger.ts'
import type { NewProblem } from '@guatu/shared/board/problemCommands'
import type { ProblemStatus } from '@guatu/shared/domain/problem'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { ProjectField, ProjectFields } from '@guatu/shared/domain/project'
import { IssueSeverity } from '@guatu/shared/ledger/importPreview'
import type { UnknownColumn } from './findTable.ts'
import type { StageReading } from './inferStage.ts'
import type { LedgerFileFormat, CsvEncoding } from './readGrids.ts'

// The preview sends severities to the page: one definition for both sides of the wire.
export { IssueSeverity }

/** Something the office should read about the ledger; an error keeps its row out of the import. */
export interface LedgerIssue {
  /** The sheet the row is on, when the workbook has several. */
  sheetName?: string
  /** The Excel row number (1-based, as Excel shows it); absent for issues about the whole sheet. */
  rowNumber?: number
  /** The header text of the column, as written in the ledger. */
  column?: string
  severity: IssueSeverity
  /** Chinese, for the people who keep the ledger. */
  message: string
}

/**
 * A problem read from the 存在问题 cell. `status` is only present when the cell says it
 * (未解决/已解决, as our own export writes it); a plain text item is a new open problem.
 */
export type LedgerProblem = NewProblem & { status?: ProblemStatus }

export type LedgerFields = Partial<Omit<ProjectFields, 'rank'>>

/** An extra column's cell on one row, with the header it was read under (for messages). */
export interface ExtraCell {
  text: string
  header: string
}

/** Where an inferred value came from; counted in the preview ("产业类别：按项目名称推定 3 个"). */
export const InferenceSource = {
  section: 'section',
  cluster: 'cluster',
  name: 'name',
  words: 'words',
  dates: 'dates',
  reportYear: 'reportYear',
  /** 坐标 read from 经度/纬度 columns or a coordinate text: how it was read is on the row. */
  coordinateColumns: 'coordinateColumns',
  unset: 'unset',
} as const
export type InferenceSource = (typeof InferenceSource)[keyof typeof InferenceSource]

export const INFERENCE_SOURCE_LABEL: Record<InferenceSource, string> = {
  section: '按分组行推定',
  cluster: '按产业集群推定',
  name: '按项目名称推定',
  words: '按进度文字推定',
  dates: '按实际日期推定',
  reportYear: '按填报年份推定',
  coordinateColumns: '按经纬度列读取',
  unset: '未填写，留待补充',
}

/** A value the ledger did not state outright, and how it was arrived at; shown on its row. */
export interface Inference {
  field: ProjectField
  from: InferenceSource
  /** Chinese: "实际开工时间“12月底”按填报年份推定为 2022-12-31". */
  message: string
}

export interface ParsedRow {
  sheetName: string
  rowNumber: number
  /** Only what the ledger says (plus `defaulted` fields): an empty cell leaves the key out. */
  fields: LedgerFields
  problems: LedgerProblem[]
  issues: LedgerIssue[]
  /** How the 当前阶段 was read, and from what. */
  stage: StageReading
  /** Every value inferred rather than read (stage, 产业类别, 建设性质, partial dates, unset fields). */
  inferred: Inference[]
  /**
   * Fields filled in from weak evidence (产业类别 from a name or cluster, 谋划 for want of any
   * stage evidence). A new project takes them; an existing project keeps its own value.
   */
  defaulted: ProjectField[]
  /** The caller's extra columns (ParseLedgerOptions.extraColumns) this row has text in, by key. */
  extra: Record<string, ExtraCell>
}

export const SkipReason = {
  blank: 'blank',
  section: 'section',
  subtotal: 'subtotal',
  note: 'note',
} as const
export type SkipReason = (typeof SkipReason)[keyof typeof SkipReason]

export const SKIP_REASON_LABEL: Record<SkipReason, string> = {
  blank: '空行',
  section: '分组行',
  subtotal: '小计/合计行',
  note: '表尾说明',
}

export interface SkippedRow {
  sheetName: string
  rowNumber: number
  reason: SkipReason
}

/** The 填报日期 dates are judged against, and where it was found. */
export const ReportDateSource = {
  /** Given by the office in the preview (or the CLI/REST caller). */
  given: 'given',
  /** 填报日期 / 截至 in the title rows. */
  title: 'title',
  fileName: 'fileName',
} as const
export type ReportDateSource = (typeof ReportDateSource)[keyof typeof ReportDateSource]

export const REPORT_DATE_SOURCE_LABEL: Record<ReportDateSource, string> = {
  given: '导入时填写',
  title: '表头标题行',
  fileName: '文件名',
}

export interface ReportDate {
  date: IsoDate
  source: ReportDateSource
  /** The words it was read from ("填报日期：2022年8月20日"). */
  text: string
}

export interface LedgerSheet {
  name: string
  /** Whether a ledger header was found on it. */
  hasLedger: boolean
  /** Whether its rows are in this import (the office may leave some out). */
  chosen: boolean
  headerRowNumber?: number
  rows: number
}

export interface ParsedLedger {
  format: LedgerFileFormat
  encoding?: CsvEncoding
  sheets: LedgerSheet[]
  /** Absent when neither the file nor the office gave one: the preview asks for it. */
  reportDate?: ReportDate
  /** Which system the coordinates are in and why; absent when the ledger has no coordinate column. */
  coordinateSystem?: LedgerCoordinateSystem
  /** The year dates without one are read in: the report's, else the board's. */
  year: number
  /** Project fields some chosen sheet has a column for. */
  columns: ProjectField[]
  /** Keys of the caller's extra columns some chosen sheet has. */
  extraColumns: string[]
  /** Headers no rule knows, per sheet, for the mapping step. */
  unknownColumns: (UnknownColumn & { sheetName: string })[]
  rows: ParsedRow[]
  skipped: SkippedRow[]
  /** Issues about the sheet as a whole (missing columns, a 合计 that does not add up). */
  issues: LedgerIssue[]
}
