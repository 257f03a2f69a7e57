import * as Y from 'yjs'
import type { ProjectId } from '../domain/project.ts'
import { RecordCollection, collectionRoot, projectsRoot, type ProjectMap } from './boardDoc.ts'
import type { CommandOptions } from './commandOptions.ts'

/**
 * Restore (回头看): puts projects back as they stood at a past moment, as ONE new change — a normal
 * transaction writing the past values over the present ones, never a rewrite of history. It goes
 * to the server like any edit, so the same judge decides what the sender may change (a department
 * only its own projects' fields it may edit), the history records each field it changes, and an
 * undo manager tracking `options.origin` takes it back in one step.
 *
 * `past` is the board as it stood then (GET /api/boards/:id/state?at=…), read only.
 */
export function restoreProject(doc: Y.Doc, past: Y.Doc, id: ProjectId, moment: string, options: CommandOptions = {}): void {
  doc.transact(() => restoreOne(doc, past, id, moment), options.origin)
}

/** The whole board's projects as they stood at the moment of `past`, in one transaction. */
export function restoreAllProjects(doc: Y.Doc, past: Y.Doc, moment: string, options: CommandOptions = {}): void {
  const ids = new Set<string>([...projectsRoot(doc).keys(), ...projectsRoot(past).keys()])
  doc.transact(() => {
    for (const id of ids) restoreOne(doc, past, id as ProjectId, moment)
  }, options.origin)
}

/** Field that marks a restore (see the project schema); not itself restored. */
const RESTORE_MARK = 'restoredFrom'

/** `moment` is when `past` stood (ISO time): each project that changes is marked restored from it. */
function restoreOne(doc: Y.Doc, past: Y.Doc, id: ProjectId, moment: string): void {
  const projects = projectsRoot(doc)
  const now = projects.get(id)
  const then = projectsRoot(past).get(id)
  if (!then) {
    // Entered since: the restore takes it off again, with its problems (as deleteProject does).
    if (!now) return
    const problems = collectionRoot(doc, RecordCollection.problems)
    problems.forEach((problem, problemId) => {
      if (problem.get('projectId') === id) problems.delete(problemId)
    })
    projects.delete(id)
    return
  }
  if (!now) {
    // Left since: it comes back under its old id with every field it had.
    const map: ProjectMap = new Y.Map<unknown>()
    projects.set(id, map)
    for (const [field, value] of then.entries()) if (field !== RESTORE_MARK) map.set(field, plain(value))
    map.set(RESTORE_MARK, moment)
    return
  }
  let changed = false
  for (const field of new Set([...now.keys(), ...then.keys()])) {
    if (field === RESTORE_MARK) continue
    const value = then.get(field)
    if (sameValue(now.get(field), value)) continue
    changed = true
    if (value === undefined) now.delete(field)
    else now.set(field, plain(value))
  }
  if (changed) now.set(RESTORE_MARK, moment)
}

/** Project fields hold plain values; a shared type from the other document could not move over. */
function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(plain(a) ?? null) === JSON.stringify(plain(b) ?? null)
}
