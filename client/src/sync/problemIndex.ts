import type * as Y from 'yjs'
import { RecordCollection } from '@guatu/shared/board/boardDoc'
import { problemFromMap } from '@guatu/shared/board/problemQueries'
import { isProblemId, type Problem, type ProblemId } from '@guatu/shared/domain/problem'
import type { ProjectId } from '@guatu/shared/domain/project'
import { createProjectRecordIndex } from './projectRecordIndex.ts'

/** Problems of one project, oldest first; the same frozen empty list for every project without any. */
export const NO_PROBLEMS: readonly Problem[] = Object.freeze([])

export type ProblemsByProject = ReadonlyMap<ProjectId, readonly Problem[]>

const byRaised = (a: Problem, b: Problem) => (a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** The `problems` root as view models (see projectRecordIndex.ts). */
export function createProblemIndex(doc: Y.Doc, onChange: () => void) {
  return createProjectRecordIndex<Problem>(
    doc,
    { collection: RecordCollection.problems, isId: isProblemId, fromMap: (id, map) => problemFromMap(id as ProblemId, map), compare: byRaised },
    NO_PROBLEMS,
    onChange,
  )
}
