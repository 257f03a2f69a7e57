import type { NewProblem } from '@guatu/shared/board/problemCommands'
import type { ProblemStatus } from '@guatu/shared/domain/problem'
import type { ProjectField, ProjectFields } from '@guatu/shared/domain/project'

export const IssueSeverity = {
  error: 'error',
  warning: 'warning',
} as const
export type IssueSeverity = (typeof IssueSeverity)[keyof typeof IssueSeverity]

/** Something the office should read about the ledger; an error keeps its row out of the import. */
export interface LedgerIssue {
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

export interface ParsedRow {
  rowNumber: number
  /** Only what the ledger says (plus `defaulted` fields): an empty cell leaves the key out. */
  fields: LedgerFields
  problems: LedgerProblem[]
  issues: LedgerIssue[]
  /**
   * Fields filled in by a default or an inference (unknown 产业类别 → 二产, missing 当前阶段 →
   * inferred from actual dates). A new project needs them; an existing project keeps its own value.
   */
  defaulted: ProjectField[]
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
  rowNumber: number
  reason: SkipReason
}

export interface ParsedLedger {
  sheetName: string
  /** The (last) header row: data starts right below it. */
  headerRowNumber: number
  /** Project fields the sheet has a column for. */
  columns: ProjectField[]
  rows: ParsedRow[]
  skipped: SkippedRow[]
  /** Issues about the sheet as a whole (missing columns, a 合计 that does not add up). */
  issues: LedgerIssue[]
}

export class LedgerFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LedgerFormatError'
  }
}
