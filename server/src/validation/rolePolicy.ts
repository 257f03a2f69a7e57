import type * as Y from 'yjs'
import { RecordCollection, collectionRoot } from '@guatu/shared/board/boardDoc'
import { RECORD_SCHEMAS } from '@guatu/shared/board/recordSchemas'
import { FieldWriter, RecordWriter, type FieldPolicy } from '@guatu/shared/domain/fieldPolicy'
import { canEditProjectOfUnit, canManageBoards, canReplyToNotice, canWrite, editRefusal } from '@guatu/shared/domain/permissions'
import { principalId, principalLabel, type Principal } from '@guatu/shared/domain/principal'
import { checkFigureAuthority } from './figureRule.ts'
import { ProblemStatus } from '@guatu/shared/domain/problem'
import type { UpdateEffect } from './updateEffects.ts'
import { UpdateEvents } from './updateEvents.ts'

/**
 * Checks the effects of an update (what integrating it really changes, see CandidateBoard) against
 * what the sender may do, record by record and field by field, as each record's policy declares it
 * (domain/fieldPolicy.ts). Returns the reason, in Chinese, for the first thing it may not do.
 */
export function checkPermissions(doc: Y.Doc, principal: Principal, effects: readonly UpdateEffect[], serverWrite = false): string | undefined {
  if (effects.length === 0) return undefined
  if (!canWrite(principal)) return editRefusal(principal, '')
  const context = new PolicyContext(doc, principal, effects, serverWrite)
  // Project rules first: their refusals name what the person was trying to do.
  const ordered = [...effects].sort((a, b) => Number(a.collection !== RecordCollection.projects) - Number(b.collection !== RecordCollection.projects))
  for (const effect of ordered) {
    const reason = context.check(effect)
    if (reason) return reason
  }
  return checkFigureAuthority(doc, principal, effects)
}

/** A photo record (or any server-written field) arriving in a client's update. */
const SERVER_ONLY = '照片只能通过上传接口添加，不能直接写入看板'

/** How refusals read, per collection, where the generic wording would not say what was tried. */
const OFFICE_ONLY: Record<RecordCollection, { records: string; fields: string }> = {
  projects: { records: '只有项目办可以删除项目', fields: '只有项目办可以修改该字段' },
  problems: { records: '只有项目办可以删除问题', fields: '只有项目办可以修改该字段' },
  notices: { records: '只有项目办可以下发或删除督办单', fields: '督办单只能由项目办修改，责任单位只能填写办理情况' },
  meetings: { records: '只有项目办可以主持调度会', fields: '只有项目办可以主持调度会' },
  decisions: { records: '只有项目办可以记录确定事项', fields: '只有项目办可以记录确定事项' },
  photos: { records: '只有上传人或项目办可以删除照片', fields: '照片信息不能修改' },
  proposals: { records: '只有项目办可以撤销申报', fields: '只有项目办可以确认或退回申报' },
  submissions: { records: '只有项目办可以撤回报送', fields: '报送记录不能修改' },
}
const CLAIM_REFUSAL: Record<RecordCollection, string> = {
  projects: '只能以自己的名义修改',
  problems: '只能以自己的名义提出或解决问题',
  notices: '只能以自己的名义下发、答复或办结督办单',
  meetings: '只能以自己的名义主持会议或记录事项',
  decisions: '只能以自己的名义主持会议或记录事项',
  photos: '只能以自己的名义上传照片',
  proposals: '只能以自己的名义申报、确认或退回',
  submissions: '只能以自己的名义报送',
}
const CREATION_FACTS: Record<RecordCollection, string> = {
  projects: '项目的创建信息不能修改',
  problems: '问题的提出人和提出时间不能修改',
  notices: '督办单的下发人和下发时间不能修改',
  meetings: '会议的主持人和开始时间不能修改',
  decisions: '确定事项的记录人和记录时间不能修改',
  photos: '照片的上传人和上传时间不能修改',
  proposals: '申报的申报人和时间只能随申报记录',
  submissions: '报送人和报送时间不能修改',
}

class PolicyContext {
  private readonly events: UpdateEvents
  private readonly written: (collection: RecordCollection, id: string, field: string) => unknown
  private readonly office: boolean

  constructor(
    private readonly doc: Y.Doc,
    private readonly principal: Principal,
    effects: readonly UpdateEffect[],
    /** The server's own write on the principal's behalf (a stored photo's record), never a client's update. */
    private readonly serverWrite: boolean,
  ) {
    this.office = canManageBoards(principal)
    this.events = new UpdateEvents(effects)
    this.written = this.events.written
  }

  check(effect: UpdateEffect): string | undefined {
    const policy = RECORD_SCHEMAS[effect.collection].policy
    switch (effect.kind) {
      case 'createRecord':
        return this.mayCreate(effect.collection, effect.id, policy.create)
      case 'deleteRecord':
        return this.mayDelete(effect.collection, effect.id, policy.delete)
      case 'setField':
      case 'clearField': {
        const field = policy.fields[effect.field]
        // Unknown fields are the schema check's to refuse, with its own message.
        if (!field) return undefined
        return this.mayWrite(effect, field)
      }
    }
  }

  private mayDelete(collection: RecordCollection, id: string, writer: RecordWriter): string | undefined {
    switch (writer) {
      case RecordWriter.department:
        return undefined
      case RecordWriter.office:
      case RecordWriter.server:
        return this.office ? undefined : OFFICE_ONLY[collection].records
      case RecordWriter.uploader:
        return this.office || this.stored(collection, id, 'uploadedById') === principalId(this.principal) ? undefined : OFFICE_ONLY[collection].records
    }
  }

  private mayCreate(collection: RecordCollection, id: string, writer: RecordWriter): string | undefined {
    if (writer === RecordWriter.office) return this.office ? undefined : OFFICE_ONLY[collection].records
    if (writer === RecordWriter.server && !this.serverWrite) return SERVER_ONLY
    // Past here the department rule: the principal may add to this project (the server's own
    // writes included: a photo is stored only for someone who may add it).
    const unit = collection === RecordCollection.projects ? asText(this.written(collection, id, 'unit')) : this.unitOfOwner(collection, id)
    if (!canEditProjectOfUnit(this.principal, unit)) {
      return collection === RecordCollection.projects ? `不能为其他单位新建项目：${editRefusal(this.principal, unit)}` : editRefusal(this.principal, unit)
    }
    // A problem is raised open: one "already solved" at birth would count as solved this week.
    if (collection === RecordCollection.problems && !this.office && this.written(collection, id, 'status') === ProblemStatus.solved) {
      return '新提出的问题不能直接标为已解决'
    }
    return undefined
  }

  private mayWrite(effect: Extract<UpdateEffect, { kind: 'setField' | 'clearField' }>, policy: FieldPolicy): string | undefined {
    const { collection, id } = effect
    const isNew = this.events.isCreated(collection, id)
    switch (policy.writer) {
      case FieldWriter.department:
        if (isNew) return undefined
        return this.mayEditRecord(collection, id)
      case FieldWriter.office:
        return this.office ? undefined : OFFICE_ONLY[collection].fields
      case FieldWriter.server:
        if (!this.serverWrite) return isNew ? SERVER_ONLY : OFFICE_ONLY[collection].fields
        return isNew ? undefined : OFFICE_ONLY[collection].fields
      case FieldWriter.fixed:
        return isNew ? undefined : `${RECORD_SCHEMAS[collection].label}所属${effect.field === 'meetingId' ? '会议' : '项目'}不能更改`
      case FieldWriter.holder:
        return this.mayReassign(effect, isNew)
      case FieldWriter.reply: {
        const unit = this.unitOfOwner(collection, id)
        return this.office || canReplyToNotice(this.principal, unit) ? undefined : editRefusal(this.principal, unit)
      }
      case FieldWriter.actor:
      case FieldWriter.stampedTime: {
        if (!this.events.happens(collection, id, policy.event))
          return policy.event.on === 'create' ? CREATION_FACTS[collection] : `${RECORD_SCHEMAS[collection].label}的处理人和时间只能随相应操作记录`
        if (policy.writer === FieldWriter.stampedTime || effect.kind === 'clearField') return undefined
        const claimed = policy.part === 'id' ? principalId(this.principal) : principalLabel(this.principal)
        return effect.value === claimed ? undefined : CLAIM_REFUSAL[collection]
      }
    }
  }

  /** A record's department edits it; a project with no stored unit is the office's alone. */
  private mayEditRecord(collection: RecordCollection, id: string): string | undefined {
    if (this.office) return undefined
    const unit = collection === RecordCollection.projects ? this.storedUnit(id) : this.unitOfOwner(collection, id)
    if (unit === undefined) return '该项目未指定责任单位，只有项目办可以修改'
    return canEditProjectOfUnit(this.principal, unit) ? undefined : editRefusal(this.principal, unit)
  }

  /** Judged on the effective values: the unit stored before the update, and the one it leaves. */
  private mayReassign(effect: Extract<UpdateEffect, { kind: 'setField' | 'clearField' }>, isNew: boolean): string | undefined {
    if (this.office) return undefined
    const after = effect.kind === 'setField' ? asText(effect.value) : ''
    if (!isNew) {
      const before = this.storedUnit(effect.id)
      if (before === undefined) return '该项目未指定责任单位，只有项目办可以修改'
      if (!canEditProjectOfUnit(this.principal, before)) return editRefusal(this.principal, before)
    }
    return canEditProjectOfUnit(this.principal, after) ? undefined : `不能把项目转给其他单位「${after}」`
  }

  private stored(collection: RecordCollection, id: string, field: string): unknown {
    return collectionRoot(this.doc, collection).get(id)?.get(field)
  }

  /** The project's unit as stored before this update; undefined when it has none. */
  private storedUnit(projectId: string): string | undefined {
    const unit = this.stored(RecordCollection.projects, projectId, 'unit')
    return typeof unit === 'string' && unit.trim() !== '' ? unit : undefined
  }

  /**
   * The unit of the project a problem or notice belongs to (as stored, or as this update creates
   * it); a 报送 names its unit itself.
   */
  private unitOfOwner(collection: RecordCollection, recordId: string): string {
    if (collection === RecordCollection.submissions) return asText(this.stored(collection, recordId, 'unit') ?? this.written(collection, recordId, 'unit'))
    const projectId = this.stored(collection, recordId, 'projectId') ?? this.written(collection, recordId, 'projectId')
    if (typeof projectId !== 'string') return ''
    return this.storedUnit(projectId) ?? asText(this.written(RecordCollection.projects, projectId, 'unit'))
  }
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
