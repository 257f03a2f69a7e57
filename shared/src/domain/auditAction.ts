/**
 * History entries' `action` (GET /api/boards/:id/history): written by the server's audit, read by
 * the page (stage moves, 最新动态). One list for both sides of the wire; the history schema keeps
 * `action` as text, so an older page shows an action it does not know by its summary.
 */
export const AuditAction = {
  create: 'create',
  delete: 'delete',
  /** A stage change: the card went to another column. */
  move: 'move',
  /** A new place within the same column. */
  reorder: 'reorder',
  edit: 'edit',
  raiseProblem: 'raise-problem',
  solveProblem: 'solve-problem',
  reopenProblem: 'reopen-problem',
  editProblem: 'edit-problem',
  deleteProblem: 'delete-problem',
  issueNotice: 'issue-notice',
  escalateNotice: 'escalate-notice',
  replyNotice: 'reply-notice',
  closeNotice: 'close-notice',
  editNotice: 'edit-notice',
  deleteNotice: 'delete-notice',
  startMeeting: 'start-meeting',
  /** The unit reporting changed (调度会 follow mode). */
  meetingReporting: 'meeting-reporting',
  endMeeting: 'end-meeting',
  recordDecision: 'record-decision',
  editDecision: 'edit-decision',
  deleteDecision: 'delete-decision',
  /** A 形象进度照片 stored and its record written by the server; `to` is the capture time. */
  addPhoto: 'add-photo',
  deletePhoto: 'delete-photo',
  /** A project put back as it stood at a past moment (回头看); `to` is that moment. */
  restore: 'restore',
  /** A department proposes (or resubmits) a reviewed field; `field` names it, `to` is the value. */
  proposeChange: 'propose-change',
  /** The office confirms a proposal: the value is now the project's (the project edit is its own entry). */
  confirmProposal: 'confirm-proposal',
  /** The office returns a proposal; `to` is the reason. */
  returnProposal: 'return-proposal',
  /** A unit's 报送 of a period (board-level); `to` is the period id, `from` the unit. */
  submitPeriod: 'submit-period',
  /** Board settings: targets, 序时进度 basis, thresholds. */
  editSettings: 'edit-settings',
  /** 项目库: a department (or the office) proposed a candidate; `to` is its name. */
  proposeCandidate: 'propose-candidate',
  /** 项目库: a candidate's field corrected (`field`, `from`, `to`). */
  editCandidate: 'edit-candidate',
  /** 项目库: a returned candidate submitted again after its correction. */
  resubmitCandidate: 'resubmit-candidate',
  approveCandidate: 'approve-candidate',
  /** 项目库: returned to its department; `to` is the reason. */
  returnCandidate: 'return-candidate',
  /** 项目库 → a board (列入年度看板): `to` is the board's name, `recordId` the new project's id. */
  moveCandidate: 'move-candidate',
} as const
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction]
