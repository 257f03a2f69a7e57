import type * as Y from 'yjs'
import { RecordCollection, collectionRoot } from '@guatu/shared/board/boardDoc'
import { ProblemStatus } from '@guatu/shared/domain/problem'
import { metaRoot } from '@guatu/shared/board/boardDoc'
import { writtenValues, type SettingEffect, type UpdateEffect } from '../validation/updateEffects.ts'
import { AuditAction, type AuditChange } from './auditRecord.ts'

/** Problem fields whose change is the problem's own event (raise, solve), not an edit. */
const PROBLEM_BOOKKEEPING_FIELDS = new Set(['raisedById', 'raisedByLabel', 'raisedAt', 'solvedById', 'solvedByLabel', 'solvedAt', 'projectId'])

/**
 * Turns the effects of an accepted update into history entries, reading old values from the
 * document before the update is applied. A new record is one entry, not one per field; a rank
 * change that comes with a stage change is part of the move.
 */
export function describeChanges(doc: Y.Doc, effects: readonly UpdateEffect[]): AuditChange[] {
  const reader = new ChangeReader(doc, effects)
  const changes: AuditChange[] = []
  for (const effect of effects) {
    const change = reader.change(effect)
    if (change) changes.push(change)
  }
  return changes
}

/** Board-level entries (no project) for changed settings, with the old and new value. */
export function describeSettingChanges(doc: Y.Doc, settings: readonly SettingEffect[]): AuditChange[] {
  return settings.map((effect) => ({
    projectId: '',
    recordId: null,
    action: AuditAction.editSettings,
    field: effect.key,
    from: metaRoot(doc).get(effect.key) ?? null,
    to: effect.kind === 'setSetting' ? effect.value : null,
  }))
}

class ChangeReader {
  private readonly created = new Set<string>()
  private readonly stageMoved = new Set<string>()

  constructor(
    private readonly doc: Y.Doc,
    effects: readonly UpdateEffect[],
  ) {
    this.written = writtenValues(effects)
    for (const effect of effects) {
      if (effect.kind === 'createRecord') this.created.add(`${effect.collection}:${effect.id}`)
      if (effect.kind === 'setField' && effect.collection === RecordCollection.projects && effect.field === 'stage') this.stageMoved.add(effect.id)
    }
  }

  change(effect: UpdateEffect): AuditChange | undefined {
    switch (effect.collection) {
      case RecordCollection.projects:
        return this.projectChange(effect)
      case RecordCollection.problems:
        return this.problemChange(effect)
      case RecordCollection.notices:
        return this.noticeChange(effect)
      case RecordCollection.meetings:
        return this.meetingChange(effect)
      case RecordCollection.decisions:
        return this.decisionChange(effect)
      case RecordCollection.photos:
        return this.photoChange(effect)
      case RecordCollection.proposals:
        return this.proposalChange(effect)
      case RecordCollection.submissions:
        return this.submissionChange(effect)
    }
  }

  /** Meeting events are board-level entries (no project); the recordId names the meeting. */
  meetingChange(effect: UpdateEffect): AuditChange | undefined {
    const title = this.stored(effect.collection, effect.id, 'title') ?? this.written(effect.collection, effect.id, 'title') ?? null
    const base = { projectId: '', recordId: effect.id }
    if (effect.kind === 'createRecord') return { ...base, action: AuditAction.startMeeting, field: null, from: null, to: title }
    if (effect.kind === 'deleteRecord') return undefined
    const edit = this.fieldEdit(effect)
    if (!edit) return undefined
    if (effect.field === 'reportingUnit') return { ...base, action: AuditAction.meetingReporting, ...edit }
    if (effect.field === 'status' && edit.to === 'ended') return { ...base, action: AuditAction.endMeeting, field: null, from: null, to: title }
    return undefined
  }

  decisionChange(effect: UpdateEffect): AuditChange | undefined {
    const field = (name: string) => this.stored(effect.collection, effect.id, name) ?? this.written(effect.collection, effect.id, name) ?? null
    const base = { projectId: String(field('projectId') ?? ''), recordId: effect.id }
    if (effect.kind === 'createRecord') return { ...base, action: AuditAction.recordDecision, field: null, from: null, to: field('content') }
    if (effect.kind === 'deleteRecord') return { ...base, action: AuditAction.deleteDecision, field: null, from: field('content'), to: null }
    if (!['content', 'assignee', 'deadline'].includes(effect.field)) return undefined
    const edit = this.fieldEdit(effect)
    return edit ? { ...base, action: AuditAction.editDecision, ...edit } : undefined
  }

  /** Adding and deleting are the events; a photo record is never edited. */
  photoChange(effect: UpdateEffect): AuditChange | undefined {
    const field = (name: string) => this.stored(effect.collection, effect.id, name) ?? this.written(effect.collection, effect.id, name) ?? null
    const base = { projectId: String(field('projectId') ?? ''), recordId: effect.id }
    if (effect.kind === 'createRecord') return { ...base, action: AuditAction.addPhoto, field: null, from: null, to: field('takenAt') }
    if (effect.kind === 'deleteRecord') return { ...base, action: AuditAction.deletePhoto, field: null, from: field('takenAt'), to: null }
    return undefined
  }

  projectChange(effect: UpdateEffect): AuditChange | undefined {
    const base = { projectId: effect.id, recordId: null }
    switch (effect.kind) {
      case 'createRecord':
        return { ...base, action: AuditAction.create, field: null, from: null, to: this.written(effect.collection, effect.id, 'name') ?? null }
      case 'deleteRecord':
        return { ...base, action: AuditAction.delete, field: null, from: this.stored(effect.collection, effect.id, 'name') ?? null, to: null }
      case 'setField':
      case 'clearField': {
        const edit = this.fieldEdit(effect)
        if (!edit) return undefined
        if (effect.field === 'rank') return this.stageMoved.has(effect.id) ? undefined : { ...base, action: AuditAction.reorder, ...edit }
        // The mark of a restore names the whole change; the restored fields are listed beside it.
        if (effect.field === 'restoredFrom') return { ...base, action: AuditAction.restore, field: null, from: null, to: edit.to }
        return { ...base, action: effect.field === 'stage' ? AuditAction.move : AuditAction.edit, ...edit }
      }
    }
  }

  problemChange(effect: UpdateEffect): AuditChange | undefined {
    const projectId = String(this.stored(effect.collection, effect.id, 'projectId') ?? this.written(effect.collection, effect.id, 'projectId') ?? '')
    const base = { projectId, recordId: effect.id }
    const description = this.stored(effect.collection, effect.id, 'description') ?? this.written(effect.collection, effect.id, 'description') ?? null
    switch (effect.kind) {
      case 'createRecord':
        return { ...base, action: AuditAction.raiseProblem, field: null, from: null, to: description }
      case 'deleteRecord':
        return { ...base, action: AuditAction.deleteProblem, field: null, from: description, to: null }
      case 'setField':
      case 'clearField': {
        if (PROBLEM_BOOKKEEPING_FIELDS.has(effect.field)) return undefined
        const edit = this.fieldEdit(effect)
        if (!edit) return undefined
        if (effect.field === 'status') {
          const action = edit.to === ProblemStatus.solved ? AuditAction.solveProblem : AuditAction.reopenProblem
          return { ...base, action, field: null, from: null, to: description }
        }
        return { ...base, action: AuditAction.editProblem, ...edit }
      }
    }
  }

  noticeChange(effect: UpdateEffect): AuditChange | undefined {
    const field = (name: string) => this.stored(effect.collection, effect.id, name) ?? this.written(effect.collection, effect.id, name) ?? null
    const base = { projectId: String(field('projectId') ?? ''), recordId: effect.id }
    switch (effect.kind) {
      case 'createRecord':
        return { ...base, action: AuditAction.issueNotice, field: null, from: field('requirement'), to: field('level') }
      case 'deleteRecord':
        return { ...base, action: AuditAction.deleteNotice, field: null, from: field('requirement'), to: null }
      case 'setField':
      case 'clearField': {
        const edit = this.fieldEdit(effect)
        if (!edit) return undefined
        switch (effect.field) {
          case 'level':
            return { ...base, action: AuditAction.escalateNotice, ...edit }
          case 'reply':
            return { ...base, action: AuditAction.replyNotice, ...edit }
          case 'status':
            return edit.to === 'closed' ? { ...base, action: AuditAction.closeNotice, field: null, from: null, to: field('requirement') } : undefined
          case 'requirement':
          case 'deadline':
            return { ...base, action: AuditAction.editNotice, ...edit }
          default:
            return undefined // who/when bookkeeping: part of the event above
        }
      }
    }
  }

  /**
   * A proposal's steps, one entry each: proposed (or resubmitted) with the value, confirmed,
   * returned with the reason. The project field written on confirm is its own `edit` entry.
   */
  proposalChange(effect: UpdateEffect): AuditChange | undefined {
    const field = (name: string) => this.written(effect.collection, effect.id, name) ?? this.stored(effect.collection, effect.id, name) ?? null
    const base = { projectId: String(field('projectId') ?? ''), recordId: effect.id, field: String(field('field') ?? '') }
    if (effect.kind === 'deleteRecord') return undefined
    if (effect.kind !== 'setField') return undefined
    if (effect.field === 'value') return { ...base, action: AuditAction.proposeChange, from: null, to: effect.value }
    if (effect.field === 'status' && effect.value === 'confirmed') return { ...base, action: AuditAction.confirmProposal, from: null, to: field('value') }
    if (effect.field === 'status' && effect.value === 'returned') return { ...base, action: AuditAction.returnProposal, from: null, to: field('returnReason') }
    return undefined
  }

  submissionChange(effect: UpdateEffect): AuditChange | undefined {
    if (effect.kind !== 'createRecord') return undefined
    const field = (name: string) => this.written(effect.collection, effect.id, name) ?? null
    return { projectId: '', recordId: effect.id, action: AuditAction.submitPeriod, field: null, from: field('unit'), to: field('periodId') }
  }

  /** Old and new value of a field edit on an existing record; undefined when nothing changes. */
  private fieldEdit(effect: Extract<UpdateEffect, { kind: 'setField' | 'clearField' }>) {
    if (this.created.has(`${effect.collection}:${effect.id}`)) return undefined
    const record = collectionRoot(this.doc, effect.collection).get(effect.id)
    if (!record) return undefined
    const from = record.get(effect.field) ?? null
    const to = effect.kind === 'setField' ? effect.value : null
    if (JSON.stringify(from) === JSON.stringify(to)) return undefined
    return { field: effect.field, from, to }
  }

  private stored(collection: RecordCollection, id: string, field: string): unknown {
    return collectionRoot(this.doc, collection).get(id)?.get(field)
  }

  private readonly written: (collection: RecordCollection, id: string, field: string) => unknown
}
