import { chinaMinute } from '@guatu/shared/domain/chinaTime'
import { PROJECT_FIELD_LABEL, formatFieldValue } from '@guatu/shared/domain/projectFieldLabels'
import { NOTICE_LEVEL_LABEL, type NoticeField, type NoticeLevel } from '@guatu/shared/domain/notice'
import { PROBLEM_CATEGORY_LABEL, PROBLEM_FIELD_LABEL, type ProblemCategory, type ProblemField } from '@guatu/shared/domain/problem'
import { isProjectField } from '@guatu/shared/domain/project'
import { AuditAction } from '@guatu/shared/domain/auditAction'
import { RESERVE_LEVEL_LABEL, type ReserveLevel } from '@guatu/shared/domain/reserveCandidate'

export { AuditAction }

/** One change to one project, as the server saw it: `from`/`to` are document values (JSON). */
export interface AuditChange {
  projectId: string
  /** The problem or notice an entry is about, for their events. */
  recordId: string | null
  action: AuditAction
  field: string | null
  from: unknown
  to: unknown
}

/** A change with who made it and when; written in the same transaction as the update itself. */
export interface AuditRecord extends AuditChange {
  at: string
  actorId: string
  actorLabel: string
}

export interface StoredAuditEntry extends AuditRecord {
  id: number
}

/** The readable sentence for an entry; made when read, so wording can improve without migrations. */
export function auditSummary(change: AuditChange): string {
  switch (change.action) {
    case AuditAction.create:
      return `新建项目「${String(change.to ?? '')}」`
    case AuditAction.delete:
      return `删除项目「${String(change.from ?? '')}」`
    case AuditAction.move:
      return `移动：${formatFieldValue('stage', change.from)} → ${formatFieldValue('stage', change.to)}`
    case AuditAction.reorder:
      return '调整排序'
    case AuditAction.edit: {
      const field = change.field ?? ''
      if (!isProjectField(field)) return `修改 ${field}`
      return `修改 ${PROJECT_FIELD_LABEL[field]}：${formatFieldValue(field, change.from)} → ${formatFieldValue(field, change.to)}`
    }
    case AuditAction.raiseProblem:
      return `提出问题：${String(change.to ?? '')}`
    case AuditAction.solveProblem:
      return `问题已解决：${String(change.to ?? '')}`
    case AuditAction.reopenProblem:
      return `问题重新打开：${String(change.to ?? '')}`
    case AuditAction.editProblem:
      return `修改问题 ${PROBLEM_FIELD_LABEL[change.field as ProblemField] ?? change.field ?? ''}：${formatProblemValue(change.from)} → ${formatProblemValue(change.to)}`
    case AuditAction.deleteProblem:
      return `删除问题：${String(change.from ?? '')}`
    case AuditAction.issueNotice:
      return `下发${noticeLevelLabel(change.to)}：${String(change.from ?? '')}`
    case AuditAction.escalateNotice:
      return `督办升级：${noticeLevelLabel(change.from)} → ${noticeLevelLabel(change.to)}`
    case AuditAction.replyNotice:
      return `答复督办：${String(change.to ?? '')}`
    case AuditAction.closeNotice:
      return `督办办结：${String(change.to ?? '')}`
    case AuditAction.editNotice:
      return `修改督办单 ${NOTICE_FIELD_LABEL[change.field as NoticeField] ?? change.field ?? ''}：${String(change.from ?? '（空）')} → ${String(change.to ?? '（空）')}`
    case AuditAction.deleteNotice:
      return `删除督办单：${String(change.from ?? '')}`
    case AuditAction.startMeeting:
      return `召开会议：${String(change.to ?? '')}`
    case AuditAction.meetingReporting:
      return change.to ? `开始汇报：${String(change.to)}` : `${String(change.from ?? '')} 汇报结束`
    case AuditAction.endMeeting:
      return `会议结束：${String(change.to ?? '')}`
    case AuditAction.recordDecision:
      return `确定事项：${String(change.to ?? '')}`
    case AuditAction.editDecision:
      return `修改确定事项：${String(change.from ?? '（空）')} → ${String(change.to ?? '（空）')}`
    case AuditAction.deleteDecision:
      return `删除确定事项：${String(change.from ?? '')}`
    case AuditAction.restore:
      return `恢复到 ${chinaMinute(String(change.to ?? '')) || '时间不详'} 时的状态`
    case AuditAction.addPhoto:
      return `上传形象进度照片（拍摄于 ${chinaMinute(String(change.to ?? '')) || '时间不详'}）`
    case AuditAction.deletePhoto:
      return `删除形象进度照片（拍摄于 ${chinaMinute(String(change.from ?? '')) || '时间不详'}）`
    case AuditAction.proposeChange:
      return `申报${fieldLabel(change.field)}：${formatProposed(change.field, change.to)}（待审核）`
    case AuditAction.confirmProposal:
      return `确认申报的${fieldLabel(change.field)}：${formatProposed(change.field, change.to)}`
    case AuditAction.returnProposal:
      return `退回申报的${fieldLabel(change.field)}：${String(change.to ?? '')}`
    case AuditAction.submitPeriod:
      return `${String(change.from ?? '')} 报送 ${String(change.to ?? '')}`
    case AuditAction.editSettings:
      return '修改看板设置（目标、口径或预警阈值）'
    case AuditAction.proposeCandidate:
      return `提出储备项目「${String(change.to ?? '')}」`
    case AuditAction.editCandidate:
      return `修改储备项目 ${candidateFieldLabel(change.field)}：${formatCandidateValue(change.field, change.from)} → ${formatCandidateValue(change.field, change.to)}`
    case AuditAction.resubmitCandidate:
      return '修改后重新提交审核'
    case AuditAction.approveCandidate:
      return '项目办审核通过'
    case AuditAction.returnCandidate:
      return `项目办退回：${String(change.to ?? '')}`
    case AuditAction.moveCandidate:
      return `列入年度看板「${String(change.to ?? '')}」`
  }
}

function candidateFieldLabel(field: string | null): string {
  if (field === 'level') return '储备级别'
  if (field === 'sourceUnit') return '来源单位'
  return field && isProjectField(field) ? PROJECT_FIELD_LABEL[field] : (field ?? '')
}

function formatCandidateValue(field: string | null, value: unknown): string {
  if (field === 'level') return RESERVE_LEVEL_LABEL[value as ReserveLevel] ?? String(value ?? '（空）')
  if (field && isProjectField(field)) return formatFieldValue(field, value)
  return value === null || value === undefined || value === '' ? '（空）' : String(value)
}

function formatProblemValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）'
  return PROBLEM_CATEGORY_LABEL[value as ProblemCategory] ?? String(value)
}

/** "2026-05-03 14:20" from an ISO time (UTC as stored: the entry's own time is shown beside it). */

function noticeLevelLabel(value: unknown): string {
  return NOTICE_LEVEL_LABEL[value as NoticeLevel] ?? String(value ?? '')
}

const NOTICE_FIELD_LABEL: Partial<Record<NoticeField, string>> = { requirement: '督办要求', deadline: '办理时限' }

function fieldLabel(field: string | null): string {
  return field !== null && isProjectField(field) ? PROJECT_FIELD_LABEL[field] : (field ?? '')
}

function formatProposed(field: string | null, value: unknown): string {
  return field !== null && isProjectField(field) ? formatFieldValue(field, value) : String(value ?? '')
}
