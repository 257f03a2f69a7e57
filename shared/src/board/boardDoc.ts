import * as Y from 'yjs'

/**
 * Root types of a board document. Everything else in shared/board reaches the document through
 * these getters, and nothing outside shared/board touches raw Y.Map keys.
 *
 * - `projects`: Y.Map keyed by project id; each value a Y.Map of that project's fields.
 * - `meta`: Y.Map of board-wide settings (reserved for targets and thresholds).
 */
export const BoardRoot = {
  projects: 'projects',
  meta: 'meta',
} as const
export type BoardRoot = (typeof BoardRoot)[keyof typeof BoardRoot]

export const BOARD_ROOTS: readonly BoardRoot[] = [BoardRoot.projects, BoardRoot.meta]

export type ProjectMap = Y.Map<unknown>

export function projectsRoot(doc: Y.Doc): Y.Map<ProjectMap> {
  return doc.getMap<ProjectMap>(BoardRoot.projects)
}

export function metaRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(BoardRoot.meta)
}
