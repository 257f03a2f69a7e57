import type * as Y from 'yjs'
import { problemFieldSchemas, OPTIONAL_PROBLEM_FIELDS, PROBLEM_FIELDS, type Problem, type ProblemFields, type ProblemId } from '../domain/problem.ts'
import type { ProjectId } from '../domain/project.ts'
import { RecordCollection, collectionRoot, type RecordMap } from './boardDoc.ts'

/**
 * Reads a problem, validating every field; undefined when a required field is unreadable (a
 * problem without a project or description cannot be shown sensibly).
 */
export function problemFromMap(id: ProblemId, map: RecordMap): Problem | undefined {
  const fields: Record<string, unknown> = {}
  for (const field of PROBLEM_FIELDS) {
    const parsed = problemFieldSchemas[field].safeParse(map.get(field))
    if (parsed.success) fields[field] = parsed.data
    else if (!(OPTIONAL_PROBLEM_FIELDS as readonly string[]).includes(field)) return undefined
  }
  return { ...(fields as ProblemFields), id }
}

export function listProblems(doc: Y.Doc): Problem[] {
  const problems: Problem[] = []
  collectionRoot(doc, RecordCollection.problems).forEach((map, id) => {
    const problem = typeof map?.get === 'function' ? problemFromMap(id as ProblemId, map) : undefined
    if (problem) problems.push(problem)
  })
  return problems.sort((a, b) => (a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : a.id < b.id ? -1 : 1))
}

/** Problems grouped by project id, oldest first within each project. */
export function problemsByProject(problems: readonly Problem[]): Map<ProjectId, Problem[]> {
  const grouped = new Map<ProjectId, Problem[]>()
  for (const problem of problems) {
    const list = grouped.get(problem.projectId) ?? []
    list.push(problem)
    grouped.set(problem.projectId, list)
  }
  return grouped
}
