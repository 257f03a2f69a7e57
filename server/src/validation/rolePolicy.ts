import type * as Y from 'yjs'
import { RecordCollection, collectionRoot } from '@guatu/shared/board/boardDoc'
import { NOTICE_REPLY_FIELDS, type NoticeField } from '@guatu/shared/domain/notice'
import { canDeleteProject, canEditProjectOfUnit, canIssueNotices, canManageBoards, canReplyToNotice, canWrite, editRefusal } from '@guatu/shared/domain/permissions'
import { principalId, principalLabel, type Principal } from '@guatu/shared/domain/principal'
import { checkFigureAuthority } from './figureRule.ts'
import { writtenValues, type UpdateEffect } from './updateEffects.ts'

/**
 * Checks the effects of an update against what the connection's principal may do, record by record
 * and field by field. Returns the reason, in Chinese, for the first thing it may not do.
 */
export function checkPermissions(doc: Y.Doc, principal: Principal, effects: readonly UpdateEffect[]): string | undefined {
  if (effects.length === 0) return undefined
  if (!canWrite(principal)) return editRefusal(principal, '')
  const context = new PolicyContext(doc, effects)
  // Project rules first: their refusals name what the person was trying to do.
  const ordered = [...effects].sort((a, b) => Number(a.collection !== RecordCollection.projects) - Number(b.collection !== RecordCollection.projects))
  for (const effect of ordered) {
    const reason = RULES[effect.collection](principal, effect, context)
    if (reason) return reason
  }
  return checkFigureAuthority(doc, principal, effects)
}

/** Reads what the rules need: units of projects as stored before this update, and what it creates. */
class PolicyContext {
  private readonly created = new Set<string>()

  constructor(
    private readonly doc: Y.Doc,
    effects: readonly UpdateEffect[],
  ) {
    for (const effect of effects) if (effect.kind === 'createRecord') this.created.add(`${effect.collection}:${effect.id}`)
    this.written = writtenValues(effects)
  }

  isCreated(collection: RecordCollection, id: string): boolean {
    return this.created.has(`${collection}:${id}`)
  }

  /** A value this update writes, if it writes one. */
  readonly written: (collection: RecordCollection, id: string, field: string) => unknown

  stored(collection: RecordCollection, id: string, field: string): unknown {
    return collectionRoot(this.doc, collection).get(id)?.get(field)
  }

  /** Who may touch a project is decided by its unit before this update, not by what the update claims. */
  unitOfProject(projectId: string): string {
    const stored = this.stored(RecordCollection.projects, projectId, 'unit')
    const unit = stored ?? this.written(RecordCollection.projects, projectId, 'unit')
    return typeof unit === 'string' ? unit : ''
  }

  /** The unit of the project a problem or notice belongs to. */
  unitOfOwner(collection: RecordCollection, recordId: string): string {
    const projectId = this.stored(collection, recordId, 'projectId') ?? this.written(collection, recordId, 'projectId')
    return typeof projectId === 'string' ? this.unitOfProject(projectId) : ''
  }
}

function projectRule(principal: Principal, effect: UpdateEffect, context: PolicyContext): string | undefined {
  switch (effect.kind) {
    case 'createRecord': {
      const unit = context.written(RecordCollection.projects, effect.id, 'unit')
      const unitName = typeof unit === 'string' ? unit : ''
      return canEditProjectOfUnit(principal, unitName) ? undefined : `不能为其他单位新建项目：${editRefusal(principal, unitName)}`
    }
    case 'deleteRecord':
      return canDeleteProject(principal) ? undefined : '只有项目办可以删除项目'
    case 'setField':
    case 'clearField': {
      if (!context.isCreated(RecordCollection.projects, effect.id)) {
        const unit = context.unitOfProject(effect.id)
        if (context.stored(RecordCollection.projects, effect.id, 'unit') !== undefined && !canEditProjectOfUnit(principal, unit)) {
          return editRefusal(principal, unit)
        }
      }
      if (effect.kind === 'setField' && effect.field === 'unit' && typeof effect.value === 'string' && !canEditProjectOfUnit(principal, effect.value)) {
        return `不能把项目转给其他单位「${effect.value}」`
      }
      return undefined
    }
  }
}

/**
 * A unit raises and answers problems of its own projects; the project office of any. Who raised or
 * solved a problem is a claim the server checks: it must name the sender.
 */
function problemRule(principal: Principal, effect: UpdateEffect, context: PolicyContext): string | undefined {
  if (effect.kind === 'deleteRecord') return canDeleteProject(principal) ? undefined : '只有项目办可以删除问题'
  const unit = context.unitOfOwner(RecordCollection.problems, effect.id)
  if (!canEditProjectOfUnit(principal, unit)) return editRefusal(principal, unit)
  if (effect.kind !== 'setField') return undefined
  const isNew = context.isCreated(RecordCollection.problems, effect.id)
  switch (effect.field) {
    case 'raisedById':
    case 'raisedByLabel':
    case 'raisedAt':
      if (!isNew) return '问题的提出人和提出时间不能修改'
      return claimRule(principal, effect.field, effect.value)
    case 'solvedById':
    case 'solvedByLabel':
      return claimRule(principal, effect.field, effect.value)
    default:
      return undefined
  }
}

/**
 * 督办单 belong to the project office: only it issues, escalates and closes them. The department
 * whose project it is writes the reply, in its own name, and nothing else.
 */
function noticeRule(principal: Principal, effect: UpdateEffect, context: PolicyContext): string | undefined {
  const office = canIssueNotices(principal)
  if (effect.kind === 'createRecord' || effect.kind === 'deleteRecord') return office ? undefined : '只有项目办可以下发或删除督办单'
  const isReply = NOTICE_REPLY_FIELDS.includes(effect.field as NoticeField)
  if (!isReply && !office) return '督办单只能由项目办修改，责任单位只能填写办理情况'
  const unit = context.unitOfOwner(RecordCollection.notices, effect.id)
  if (isReply && !office && !canReplyToNotice(principal, unit)) return editRefusal(principal, unit)
  if (effect.kind !== 'setField') return undefined
  if (['issuedById', 'issuedByLabel', 'issuedAt'].includes(effect.field) && !context.isCreated(RecordCollection.notices, effect.id)) {
    return '督办单的下发人和下发时间不能修改'
  }
  return effect.field.endsWith('ById') || effect.field.endsWith('ByLabel') ? claimRule(principal, effect.field, effect.value, '只能以自己的名义下发、答复或办结督办单') : undefined
}

/** Meetings and their decisions are run and written by the project office, in its own name. */
function meetingRule(principal: Principal, effect: UpdateEffect): string | undefined {
  if (!canManageBoards(principal)) return effect.collection === RecordCollection.meetings ? '只有项目办可以主持调度会' : '只有项目办可以记录确定事项'
  if (effect.kind === 'setField' && (effect.field.endsWith('Id') || effect.field.endsWith('Label')) && effect.field !== 'meetingId' && effect.field !== 'projectId') {
    return claimRule(principal, effect.field, effect.value, '只能以自己的名义主持会议或记录事项')
  }
  return undefined
}

const RULES: Record<RecordCollection, (principal: Principal, effect: UpdateEffect, context: PolicyContext) => string | undefined> = {
  projects: projectRule,
  problems: problemRule,
  notices: noticeRule,
  meetings: meetingRule,
  decisions: meetingRule,
}

function claimRule(principal: Principal, field: string, value: unknown, refusal = '只能以自己的名义提出或解决问题'): string | undefined {
  if (field.endsWith('Id') && value !== principalId(principal)) return refusal
  if (field.endsWith('Label') && value !== principalLabel(principal)) return refusal
  return undefined
}
