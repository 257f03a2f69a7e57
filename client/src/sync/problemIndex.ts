import type * as Y from 'yjs'
import { RecordCollection, collectionRoot } from '@guatu/shared/board/boardDoc'
import { problemFromMap } from '@guatu/shared/board/problemQueries'
import { isProblemId, type Problem, type ProblemId } from '@guatu/shared/domain/problem'
import type { ProjectId } from '@guatu/shared/domain/project'

/** Problems of one project, oldest first; the same frozen empty list for every project without any. */
export const NO_PROBLEMS: readonly Problem[] = Object.freeze([])

export type ProblemsByProject = ReadonlyMap<ProjectId, readonly Problem[]>

const byRaised = (a: Problem, b: Problem) =>
  a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/**
 * The `problems` root as view models, kept like the projects: a transaction re-reads only the
 * problems it touched and rebuilds only the lists of the projects they belong to. Untouched
 * projects keep their list's identity, so their cards do not re-render when a colleague closes a
 * problem elsewhere on the board.
 */
export function createProblemIndex(doc: Y.Doc, onChange: () => void) {
  const root = collectionRoot(doc, RecordCollection.problems)
  const problems = new Map<ProblemId, Problem>()
  let byProject = new Map<ProjectId, readonly Problem[]>()
  let all: readonly Problem[] | undefined

  const refresh = (id: string, touchedProjects: Set<ProjectId>) => {
    if (!isProblemId(id)) return
    const previous = problems.get(id)
    if (previous) touchedProjects.add(previous.projectId)
    const map = root.get(id)
    const next = map && typeof map.get === 'function' ? problemFromMap(id, map) : undefined
    if (next) {
      problems.set(id, next)
      touchedProjects.add(next.projectId)
    } else {
      problems.delete(id)
    }
  }

  const rebuild = (touchedProjects: Set<ProjectId>) => {
    const lists = new Map<ProjectId, Problem[]>()
    for (const projectId of touchedProjects) lists.set(projectId, [])
    for (const problem of problems.values()) lists.get(problem.projectId)?.push(problem)
    const next = new Map(byProject)
    for (const [projectId, list] of lists) {
      if (list.length === 0) next.delete(projectId)
      else next.set(projectId, list.sort(byRaised))
    }
    byProject = next
    all = undefined
  }

  const initial = new Set<ProjectId>()
  root.forEach((_map, id) => refresh(id, initial))
  rebuild(initial)

  const onDeepChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const touched = new Set<ProjectId>()
    const touchedIds = new Set<string>()
    for (const event of events) {
      if (event.target === root) for (const id of event.keys.keys()) touchedIds.add(id)
      else if (typeof event.path[0] === 'string') touchedIds.add(event.path[0])
    }
    for (const id of touchedIds) refresh(id, touched)
    if (touched.size === 0) return
    rebuild(touched)
    onChange()
  }
  root.observeDeep(onDeepChange)

  return {
    getByProject: (): ProblemsByProject => byProject,
    getOfProject: (projectId: ProjectId): readonly Problem[] => byProject.get(projectId) ?? NO_PROBLEMS,
    /** Every problem on the board, oldest first; one array until the next change. */
    getAll: (): readonly Problem[] => (all ??= [...problems.values()].sort(byRaised)),
    stop: () => root.unobserveDeep(onDeepChange),
  }
}
