import { PROJECT_FIELD_LABEL, formatFieldValue } from '@guatu/shared/domain/projectFieldLabels'
import { isProjectField } from '@guatu/shared/domain/project'

/** What kind of change a history entry records. */
export const AuditAction = {
  create: 'create',
  delete: 'delete',
  /** A stage change: the card went to another column. */
  move: 'move',
  /** A new place within the same column. */
  reorder: 'reorder',
  edit: 'edit',
} as const
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction]

/** One change to one project, as the server saw it: `from`/`to` are document values (JSON). */
export interface AuditChange {
  projectId: string
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
  }
}
