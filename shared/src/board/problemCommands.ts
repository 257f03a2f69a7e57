import * as Y from 'yjs'
import { principalId, principalLabel, type Principal } from '../domain/principal.ts'
import { ProblemStatus, newProblemId, type ProblemFields, type ProblemId } from '../domain/problem.ts'
import type { ProjectId } from '../domain/project.ts'
import { RecordCollection, collectionRoot } from './boardDoc.ts'
import { checkRecordField } from './recordSchemas.ts'
import { ProjectValidationError, type CommandOptions } from './commandOptions.ts'

export type NewProblem = Pick<ProblemFields, 'category' | 'description' | 'leadUnit'> & Partial<Pick<ProblemFields, 'deadline' | 'reply'>>
export type ProblemPatch = Partial<Pick<ProblemFields, 'category' | 'description' | 'leadUnit' | 'deadline' | 'reply'>>

function assertValid(values: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(values)) {
    if (value === undefined) continue
    const problem = checkRecordField(RecordCollection.problems, field, value)
    if (problem) throw new ProjectValidationError(field, problem)
  }
}

function problemsRoot(doc: Y.Doc) {
  return collectionRoot(doc, RecordCollection.problems)
}

/** Raises a problem on a project in the name of `actor` (the server checks that it is the sender). */
export function raiseProblem(
  doc: Y.Doc,
  projectId: ProjectId,
  problem: NewProblem,
  actor: Principal,
  options: CommandOptions & { id?: ProblemId; now?: Date } = {},
): ProblemId {
  const id = options.id ?? newProblemId()
  const values: Record<string, unknown> = {
    ...problem,
    projectId,
    status: ProblemStatus.open,
    raisedById: principalId(actor),
    raisedByLabel: principalLabel(actor),
    raisedAt: (options.now ?? new Date()).toISOString(),
  }
  assertValid(values)
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    problemsRoot(doc).set(id, map)
    for (const [field, value] of Object.entries(values)) if (value !== undefined) map.set(field, value)
  }, options.origin)
  return id
}

export function updateProblem(doc: Y.Doc, id: ProblemId, patch: ProblemPatch, options: CommandOptions = {}): void {
  assertValid(patch)
  const map = requireProblemMap(doc, id)
  doc.transact(() => {
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) map.delete(field)
      else if (map.get(field) !== value) map.set(field, value)
    }
  }, options.origin)
}

/** 销号: marks a problem solved by `actor`, now. */
export function solveProblem(doc: Y.Doc, id: ProblemId, actor: Principal, options: CommandOptions & { now?: Date } = {}): void {
  const map = requireProblemMap(doc, id)
  doc.transact(() => {
    map.set('status', ProblemStatus.solved)
    map.set('solvedById', principalId(actor))
    map.set('solvedByLabel', principalLabel(actor))
    map.set('solvedAt', (options.now ?? new Date()).toISOString())
  }, options.origin)
}

export function reopenProblem(doc: Y.Doc, id: ProblemId, options: CommandOptions = {}): void {
  const map = requireProblemMap(doc, id)
  doc.transact(() => {
    map.set('status', ProblemStatus.open)
    for (const field of ['solvedById', 'solvedByLabel', 'solvedAt']) map.delete(field)
  }, options.origin)
}

export function deleteProblem(doc: Y.Doc, id: ProblemId, options: CommandOptions = {}): void {
  requireProblemMap(doc, id)
  doc.transact(() => problemsRoot(doc).delete(id), options.origin)
}

function requireProblemMap(doc: Y.Doc, id: ProblemId): Y.Map<unknown> {
  const map = problemsRoot(doc).get(id)
  if (!map) throw new ProjectValidationError('id', `问题不存在：${id}`)
  return map
}
