import type * as Y from 'yjs'
import { raiseProblem, solveProblem } from '@guatu/shared/board/problemCommands'
import { createProjects, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { hasProject } from '@guatu/shared/board/projectQueries'
import { checkRecordField } from '@guatu/shared/board/recordSchemas'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { Principal } from '@guatu/shared/domain/principal'
import { ProblemStatus } from '@guatu/shared/domain/problem'
import { checkProjectField, type ProjectId, type ProjectPatch } from '@guatu/shared/domain/project'
import { isStage } from '@guatu/shared/domain/stage'
import type { ImportPlan } from './importPlan.ts'
import type { LedgerProblem } from './ledgerTypes.ts'

export class LedgerImportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LedgerImportError'
  }
}

export interface ApplyLedgerOptions {
  /** Transaction origin, so the server persists, broadcasts and audits the import like any edit. */
  origin?: unknown
  /** The day recorded when an import moves a card into a stage without a ledger date. */
  today?: IsoDate
  /** When the imported problems were raised. */
  now?: Date
}

export interface ApplyLedgerResult {
  created: ProjectId[]
  updated: ProjectId[]
  problemsRaised: number
}

/**
 * Writes an import plan into the board in ONE transaction: peers and storage see the whole
 * ledger arrive at once. All or nothing — a plan with errors is refused, and everything is
 * checked before the first write, because a Yjs transaction cannot be rolled back: a command
 * throwing halfway would leave half a ledger on the board.
 */
export function applyLedgerImport(doc: Y.Doc, plan: ImportPlan, actor: Principal, options: ApplyLedgerOptions = {}): ApplyLedgerResult {
  if (plan.errors.length > 0) {
    throw new LedgerImportError(`台账有${plan.errors.length}处错误，未导入任何数据；请修改后重新导入`)
  }
  assertPlanApplicable(doc, plan)
  const commandOptions = { origin: options.origin, ...(options.today ? { today: options.today } : {}) }
  const problemOptions = { origin: options.origin, ...(options.now ? { now: options.now } : {}) }
  let problemsRaised = 0
  const raise = (projectId: ProjectId, problems: readonly LedgerProblem[]) => {
    for (const { status, ...problem } of problems) {
      const id = raiseProblem(doc, projectId, problem, actor, problemOptions)
      if (status === ProblemStatus.solved) solveProblem(doc, id, actor, problemOptions)
      problemsRaised++
    }
  }
  let created: ProjectId[] = []
  doc.transact(() => {
    created = createProjects(
      doc,
      plan.creates.map((create) => ({ fields: create.fields })),
      commandOptions,
    )
    plan.creates.forEach((create, index) => raise(created[index] as ProjectId, create.problems))
    for (const update of plan.updates) {
      const patch: Record<string, unknown> = {}
      for (const change of update.changes) {
        // A stage change is a move (to the end of the new column), so the card's history and
        // its 实际 date follow the same rules as a drag on the board.
        if (change.field === 'stage' && isStage(change.to)) moveProject(doc, update.projectId, { stage: change.to }, commandOptions)
        else patch[change.field] = change.to
      }
      if (Object.keys(patch).length > 0) updateProject(doc, update.projectId, patch as ProjectPatch, commandOptions)
      raise(update.projectId, update.newProblems)
    }
  }, options.origin)
  return { created, updated: plan.updates.map((update) => update.projectId), problemsRaised }
}

function assertPlanApplicable(doc: Y.Doc, plan: ImportPlan): void {
  const fail = (rowNumber: number, message: string) => {
    throw new LedgerImportError(`第${rowNumber}行：${message}`)
  }
  const checkProblems = (rowNumber: number, problems: readonly LedgerProblem[]) => {
    for (const { status: _status, ...problem } of problems) {
      for (const [field, value] of Object.entries(problem)) {
        const message = value === undefined ? undefined : checkRecordField('problems', field, value)
        if (message) fail(rowNumber, message)
      }
    }
  }
  for (const create of plan.creates) {
    for (const [field, value] of Object.entries(create.fields)) {
      const message = value === undefined ? undefined : checkProjectField(field as keyof typeof create.fields, value)
      if (message) fail(create.rowNumber, message)
    }
    checkProblems(create.rowNumber, create.problems)
  }
  for (const update of plan.updates) {
    if (!hasProject(doc, update.projectId)) fail(update.rowNumber, '要更新的项目已被删除，请重新预览后再导入')
    for (const change of update.changes) {
      if (change.field === 'rank') fail(update.rowNumber, '导入不能修改排序')
      const message = checkProjectField(change.field, change.to)
      if (message) fail(update.rowNumber, message)
    }
    checkProblems(update.rowNumber, update.newProblems)
  }
}
