import type * as Y from 'yjs'
import { checkFigures, concernedFields, MONEY_FIELDS, trustedFigures, type Figures, type FigureConcern, type MoneyField } from '../domain/figureCheck.ts'
import { checkProjectField, type Project, type ProjectId } from '../domain/project.ts'
import { projectsRoot } from './boardDoc.ts'
import { ProjectValidationError, type CommandOptions } from './commandOptions.ts'
import { readProject } from './projectQueries.ts'

/** Who is entering the figure: only the 项目办's own confirmation makes a figure count at once. */
export const FigureAuthor = { department: 'department', office: 'office' } as const
export type FigureAuthor = (typeof FigureAuthor)[keyof typeof FigureAuthor]

export type FigureWrite = { status: 'saved'; flagged: boolean } | { status: 'needsConfirmation'; concerns: FigureConcern[] }

export function figuresOf(project: Pick<Project, MoneyField>): Figures {
  return { totalInvestment: project.totalInvestment, annualPlanInvestment: project.annualPlanInvestment, completedInvestment: project.completedInvestment }
}

function requireProject(doc: Y.Doc, id: ProjectId): Project {
  const project = readProject(doc, id)
  if (!project) throw new ProjectValidationError('id', `项目不存在：${id}`)
  return project
}

function writeFlags(doc: Y.Doc, id: ProjectId, flags: ReadonlySet<MoneyField>): void {
  const map = projectsRoot(doc).get(id)
  if (!map) return
  const ordered = MONEY_FIELDS.filter((field) => flags.has(field))
  if (ordered.length === 0) {
    if (map.has('unconfirmedFigures')) map.delete('unconfirmedFigures')
  } else map.set('unconfirmedFigures', ordered)
}

/**
 * Writes one money figure. An implausible figure (figureCheck) is not written until the person
 * confirms it (`confirmed`); a department's confirmed figure is flagged in the same transaction, so
 * it waits for the 项目办 and counts nowhere meanwhile. A department replacing a flagged figure by a
 * plausible one clears its flag; the 项目办's confirmed write counts at once.
 */
export function setProjectFigure(
  doc: Y.Doc,
  id: ProjectId,
  field: MoneyField,
  value: string,
  options: CommandOptions & { author: FigureAuthor; confirmed?: boolean },
): FigureWrite {
  const problem = checkProjectField(field, value)
  if (problem) throw new ProjectValidationError(field, problem)
  const before = requireProject(doc, id)
  const after = { ...figuresOf(before), [field]: value } as Figures
  const concerns = checkFigures(after, trustedFigures(figuresOf(before), before.unconfirmedFigures), [field])
  if (concerns.length > 0 && !options.confirmed) return { status: 'needsConfirmation', concerns }
  const flags = new Set(before.unconfirmedFigures ?? [])
  if (concerns.length === 0 || options.author === FigureAuthor.office) flags.delete(field)
  else for (const concerned of concernedFields(concerns)) flags.add(concerned)
  doc.transact(() => {
    projectsRoot(doc).get(id)?.set(field, value)
    writeFlags(doc, id, flags)
  }, options.origin)
  return { status: 'saved', flagged: flags.has(field) }
}

/** 项目办 only: the figures stand as entered and count again. The server records who confirmed. */
export function confirmProjectFigures(doc: Y.Doc, id: ProjectId, fields: readonly MoneyField[], options: CommandOptions = {}): void {
  const flags = new Set(requireProject(doc, id).unconfirmedFigures ?? [])
  for (const field of fields) flags.delete(field)
  doc.transact(() => writeFlags(doc, id, flags), options.origin)
}

/** 项目办 only: pulls a figure off the totals, the screen and the rankings until it is confirmed. */
export function holdProjectFigure(doc: Y.Doc, id: ProjectId, field: MoneyField, options: CommandOptions = {}): void {
  const flags = new Set(requireProject(doc, id).unconfirmedFigures ?? [])
  flags.add(field)
  doc.transact(() => writeFlags(doc, id, flags), options.origin)
}
