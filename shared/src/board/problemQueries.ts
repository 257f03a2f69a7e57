import type * as Y from 'yjs'
import type { Problem, ProblemFields, ProblemId } from '../domain/problem.ts'
import type { ProjectId } from '../domain/project.ts'
import { RecordCollection, type RecordMap } from './boardDoc.ts'
import { readCollection, readRecordFields } from './recordReader.ts'

/** Reads a problem, validating every field; undefined when a required field is unreadable. */
export function problemFromMap(id: ProblemId, map: RecordMap): Problem | undefined {
  const fields = readRecordFields(RecordCollection.problems, map)
  return fields && { ...(fields as ProblemFields), id }
}

/** Every readable problem, oldest first. */
export function listProblems(doc: Y.Doc): Problem[] {
  return readCollection(doc, RecordCollection.problems, (id, map) => problemFromMap(id as ProblemId, map)).sort((a, b) =>
    a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : a.id < b.id ? -1 : 1,
  )
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
