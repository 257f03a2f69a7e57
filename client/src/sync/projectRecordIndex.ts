import type * as Y from 'yjs'
import { collectionRoot, type RecordCollection, type RecordMap } from '@guatu/shared/board/boardDoc'
import type { ProjectId } from '@guatu/shared/domain/project'

/** A record that belongs to one project: a problem, a 督办单. */
export interface ProjectRecord {
  readonly id: string
  readonly projectId: ProjectId
}

export interface ProjectRecordKind<T extends ProjectRecord> {
  collection: RecordCollection
  isId(id: string): boolean
  fromMap(id: string, map: RecordMap): T | undefined
  /** Order within a project's list and in `getAll`. */
  compare(a: T, b: T): number
}

/**
 * A collection of project-owned records as view models, kept like the projects: a transaction
 * re-reads only the records it touched and rebuilds only the lists of the projects they belong to.
 * Untouched projects keep their list's identity, so their cards do not re-render when a colleague
 * closes a problem or answers a notice elsewhere on the board.
 */
export function createProjectRecordIndex<T extends ProjectRecord>(doc: Y.Doc, kind: ProjectRecordKind<T>, empty: readonly T[], onChange: () => void) {
  const root = collectionRoot(doc, kind.collection)
  const records = new Map<string, T>()
  let byProject = new Map<ProjectId, readonly T[]>()
  let all: readonly T[] | undefined

  const refresh = (id: string, touchedProjects: Set<ProjectId>) => {
    if (!kind.isId(id)) return
    const previous = records.get(id)
    if (previous) touchedProjects.add(previous.projectId)
    const map = root.get(id)
    const next = map && typeof map.get === 'function' ? kind.fromMap(id, map) : undefined
    if (next) {
      records.set(id, next)
      touchedProjects.add(next.projectId)
    } else {
      records.delete(id)
    }
  }

  const rebuild = (touchedProjects: Set<ProjectId>) => {
    const lists = new Map<ProjectId, T[]>()
    for (const projectId of touchedProjects) lists.set(projectId, [])
    for (const record of records.values()) lists.get(record.projectId)?.push(record)
    const next = new Map(byProject)
    for (const [projectId, list] of lists) {
      if (list.length === 0) next.delete(projectId)
      else next.set(projectId, list.sort(kind.compare))
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
    getByProject: (): ReadonlyMap<ProjectId, readonly T[]> => byProject,
    getOfProject: (projectId: ProjectId): readonly T[] => byProject.get(projectId) ?? empty,
    /** Every record on the board in order; one array until the next change. */
    getAll: (): readonly T[] => (all ??= [...records.values()].sort(kind.compare)),
    stop: () => root.unobserveDeep(onDeepChange),
  }
}
