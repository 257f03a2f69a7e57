import * as Y from 'yjs'
import type { IsoDate } from '../domain/dates.ts'
import { principalId, principalLabel, type Principal } from '../domain/principal.ts'
import { checkProjectField, type ProjectId } from '../domain/project.ts'
import { ProposalStatus, proposalIdOf, type ProposalId } from '../domain/proposal.ts'
import type { ReviewableField } from '../domain/reportingPeriod.ts'
import { isStage } from '../domain/stage.ts'
import { canManageBoards } from '../domain/permissions.ts'
import { newSubmissionId, type SubmissionId } from '../domain/submission.ts'
import { RecordCollection, collectionRoot, projectsRoot } from './boardDoc.ts'
import { readReportingSettings } from './boardSettingsAccess.ts'
import { ProjectValidationError, type CommandOptions } from './commandOptions.ts'
import { moveProject, updateProject } from './projectCommands.ts'
import { checkRecordField } from './recordSchemas.ts'

type Clock = CommandOptions & { now?: Date }

function proposalsRoot(doc: Y.Doc) {
  return collectionRoot(doc, RecordCollection.proposals)
}

function checked(collection: RecordCollection, values: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(values)) {
    const problem = checkRecordField(collection, field, value)
    if (problem) throw new ProjectValidationError(field, problem)
  }
}

/**
 * Whether `actor`'s edit of `field` must go through review on this board: a department's edit of
 * a field the office listed (default money and stage); the office's own edits (a stage move in the
 * meeting) stay immediate.
 */
export function needsReview(doc: Y.Doc, actor: Principal, field: string): field is ReviewableField {
  const settings = readReportingSettings(doc)
  return settings !== undefined && !canManageBoards(actor) && (settings.reviewedFields as readonly string[]).includes(field)
}

/**
 * A department proposes a value for a reviewed field (or corrects a returned one and resubmits):
 * the project keeps its confirmed value; the proposal, with who and when, is what everyone sees
 * marked 待审核 until the office decides.
 */
export function proposeChange(doc: Y.Doc, projectId: ProjectId, field: ReviewableField, value: string, actor: Principal, options: Clock = {}): ProposalId {
  const problem = checkProjectField(field, value)
  if (problem) throw new ProjectValidationError(field, problem)
  if (!projectsRoot(doc).has(projectId)) throw new ProjectValidationError('id', `项目不存在：${projectId}`)
  const id = proposalIdOf(projectId, field)
  const values = {
    value,
    status: ProposalStatus.pending,
    proposedById: principalId(actor),
    proposedByLabel: principalLabel(actor),
    proposedAt: (options.now ?? new Date()).toISOString(),
  }
  checked(RecordCollection.proposals, values)
  doc.transact(() => {
    let map = proposalsRoot(doc).get(id)
    if (!map) {
      map = new Y.Map<unknown>()
      proposalsRoot(doc).set(id, map)
      map.set('projectId', projectId)
      map.set('field', field)
    }
    for (const [key, fieldValue] of Object.entries(values)) map.set(key, fieldValue)
  }, options.origin)
  return id
}

/**
 * 确认: the office makes the proposed values the projects' own, each in the same transaction that
 * closes its proposal (the server refuses a confirm that does not write the value). A stage is
 * entered as a move (its actual date recorded when first entered). Proposals not under review are
 * skipped; returns the ids confirmed. One call confirms a project's or a whole unit's proposals.
 */
export function confirmProposals(doc: Y.Doc, ids: readonly ProposalId[], actor: Principal, options: Clock & { today?: IsoDate } = {}): ProposalId[] {
  const confirmed: ProposalId[] = []
  const stamp = {
    status: ProposalStatus.confirmed,
    confirmedById: principalId(actor),
    confirmedByLabel: principalLabel(actor),
    confirmedAt: (options.now ?? new Date()).toISOString(),
  }
  doc.transact(() => {
    for (const id of ids) {
      const map = proposalsRoot(doc).get(id)
      if (!map || map.get('status') !== ProposalStatus.pending) continue
      const projectId = map.get('projectId') as ProjectId
      const field = map.get('field')
      const value = map.get('value')
      if (!projectsRoot(doc).has(projectId) || typeof value !== 'string') continue
      if (field === 'stage') {
        if (!isStage(value)) continue
        if (projectsRoot(doc).get(projectId)?.get('stage') !== value) moveProject(doc, projectId, { stage: value }, { today: options.today })
      } else if (field === 'totalInvestment' || field === 'annualPlanInvestment' || field === 'completedInvestment' || field === 'progressNote') {
        if (checkProjectField(field, value)) continue
        updateProject(doc, projectId, { [field]: value })
      } else continue
      for (const [key, fieldValue] of Object.entries(stamp)) map.set(key, fieldValue)
      confirmed.push(id)
    }
  }, options.origin)
  return confirmed
}

/** 退回: the office sends a proposal back with a reason the unit sees; the confirmed value stays. */
export function returnProposal(doc: Y.Doc, id: ProposalId, reason: string, actor: Principal, options: Clock = {}): void {
  const map = proposalsRoot(doc).get(id)
  if (!map) throw new ProjectValidationError('id', `申报不存在：${id}`)
  if (map.get('status') !== ProposalStatus.pending) throw new ProjectValidationError('status', '只能退回待审核的申报')
  if (reason.trim() === '') throw new ProjectValidationError('returnReason', '退回须写明原因')
  const returns = typeof map.get('returns') === 'number' ? (map.get('returns') as number) : 0
  const values = {
    status: ProposalStatus.returned,
    returnReason: reason.trim(),
    returns: returns + 1,
    returnedById: principalId(actor),
    returnedByLabel: principalLabel(actor),
    returnedAt: (options.now ?? new Date()).toISOString(),
  }
  checked(RecordCollection.proposals, values)
  doc.transact(() => {
    for (const [key, value] of Object.entries(values)) map.set(key, value)
  }, options.origin)
}

/** 报送: the unit declares its figures for the period in, in its own name (the server stamps when). */
export function submitPeriod(doc: Y.Doc, unit: string, periodId: string, actor: Principal, options: Clock & { id?: SubmissionId } = {}): SubmissionId {
  const id = options.id ?? newSubmissionId()
  const values = {
    unit,
    periodId,
    submittedById: principalId(actor),
    submittedByLabel: principalLabel(actor),
    submittedAt: (options.now ?? new Date()).toISOString(),
  }
  checked(RecordCollection.submissions, values)
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    collectionRoot(doc, RecordCollection.submissions).set(id, map)
    for (const [key, value] of Object.entries(values)) map.set(key, value)
  }, options.origin)
  return id
}
