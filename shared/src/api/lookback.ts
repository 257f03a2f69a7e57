import { z } from 'zod'

/**
 * 回头看: the board as it stood at a past moment. `?at=<ISO time>` on the board
 * (`GET /api/boards/:id`, `GET /api/boards/:id/state`), progress, ranking and ledger export
 * endpoints answers with the board as it stood then, read-only, to anyone who may read the board.
 */
export const momentQuerySchema = z.object({
  at: z.iso.datetime({ offset: true, local: false, error: 'at 须为带时区的 ISO 时间（如 2022-08-16T15:00:00+08:00）' }).optional(),
})
export type MomentQuery = z.infer<typeof momentQuerySchema>

/** The query parameter naming the moment. */
export const MOMENT_PARAM = 'at'

/** What 变化对比 reports, in the office's terms. */
export const BoardChangeKind = {
  stageForward: 'stageForward',
  stageBack: 'stageBack',
  entered: 'entered',
  left: 'left',
  moneyChanged: 'moneyChanged',
  problemRaised: 'problemRaised',
  problemSolved: 'problemSolved',
  noticeIssued: 'noticeIssued',
  noticeEscalated: 'noticeEscalated',
  noticeClosed: 'noticeClosed',
  lightRed: 'lightRed',
  lightCleared: 'lightCleared',
} as const
export type BoardChangeKind = (typeof BoardChangeKind)[keyof typeof BoardChangeKind]
export const BOARD_CHANGE_KINDS = Object.values(BoardChangeKind) as readonly BoardChangeKind[]

export const BOARD_CHANGE_LABEL: Record<BoardChangeKind, string> = {
  stageForward: '阶段推进',
  stageBack: '阶段退回',
  entered: '新入库项目',
  left: '移出项目',
  moneyChanged: '金额变化',
  problemRaised: '新提问题',
  problemSolved: '问题解决',
  noticeIssued: '下发督办单',
  noticeEscalated: '督办升级',
  noticeClosed: '督办办结',
  lightRed: '转为红灯',
  lightCleared: '亮灯消除',
}

export const boardChangeSchema = z.object({
  kind: z.enum(BOARD_CHANGE_KINDS as [BoardChangeKind, ...BoardChangeKind[]]),
  projectId: z.string(),
  projectName: z.string(),
  unit: z.string(),
  /** The problem or 督办单 it is about, else null. */
  recordId: z.string().nullable(),
  /** A field for a money change (totalInvestment, …), else null. */
  field: z.string().nullable(),
  /** One readable Chinese sentence: "阶段：签约 → 开工", "总投资：5.78亿元 → 6亿元（+2,200万元）". */
  summary: z.string(),
  /** For a money change, the difference in 分 (cents of 万元), signed. */
  differenceCents: z.number().int().nullable(),
})
export type BoardChange = z.infer<typeof boardChangeSchema>

export const DecisionOutcome = { done: 'done', doneLate: 'doneLate', overdue: 'overdue', pending: 'pending' } as const
export type DecisionOutcome = (typeof DecisionOutcome)[keyof typeof DecisionOutcome]
export const DECISION_OUTCOME_LABEL: Record<DecisionOutcome, string> = {
  done: '按期办结',
  doneLate: '逾期办结',
  overdue: '逾期未办结',
  pending: '未到期',
}

export const decisionReviewSchema = z.object({
  decisionId: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  assignee: z.string(),
  content: z.string(),
  deadline: z.string(),
  outcome: z.enum(Object.values(DecisionOutcome) as [DecisionOutcome, ...DecisionOutcome[]]),
  doneAt: z.string().nullable(),
})
export type DecisionReview = z.infer<typeof decisionReviewSchema>

export const unitChangesSchema = z.object({ unit: z.string(), changes: z.array(boardChangeSchema) })
export type UnitChanges = z.infer<typeof unitChangesSchema>

/** GET /api/boards/:id/changes?from=&to= (ISO; default: the end of the last meeting → now), filterable like the board. */
export const boardComparisonSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** The meeting whose end `from` defaults to and whose 确定事项 are reviewed; null when none had ended by `to`. */
  meeting: z.object({ id: z.string(), title: z.string(), endedAt: z.string().nullable() }).nullable(),
  /** Grouped by unit, in the reporting order of the next meeting (then the other units). */
  units: z.array(unitChangesSchema),
  decisions: z.array(decisionReviewSchema),
  counts: z.record(z.enum(BOARD_CHANGE_KINDS as [BoardChangeKind, ...BoardChangeKind[]]), z.number().int()),
})
export type BoardComparison = z.infer<typeof boardComparisonSchema>

export const changesQuerySchema = z.object({
  from: z.iso.datetime({ offset: true, error: 'from 须为带时区的 ISO 时间' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'to 须为带时区的 ISO 时间' }).optional(),
})
