import * as Y from 'yjs'

/**
 * Collections of records: each a root Y.Map keyed by record id whose values are Y.Maps of that
 * record's fields (one level, primitive values). One card, one place: a record is found by its id,
 * never by its position in a list.
 *
 * - `projects`: the cards.
 * - `problems`: 存在问题, each naming its project by `projectId`.
 * - `notices`: 督办单, each naming its project by `projectId`.
 * - `meetings`: 调度会, with the unit reporting now (everyone's board follows it).
 * - `decisions`: 确定事项 of a meeting, each naming its meeting and project.
 * - `photos`: 形象进度照片 metadata (the bytes are in the blob store), each naming its project.
 * - `proposals`: 待审核 values of reviewed fields, one per project and field (domain/proposal.ts).
 * - `submissions`: a unit's 报送 of a reporting period (domain/submission.ts).
 */
export const RecordCollection = {
  projects: 'projects',
  problems: 'problems',
  notices: 'notices',
  meetings: 'meetings',
  decisions: 'decisions',
  photos: 'photos',
  proposals: 'proposals',
  submissions: 'submissions',
} as const
export type RecordCollection = (typeof RecordCollection)[keyof typeof RecordCollection]

export const RECORD_COLLECTIONS: readonly RecordCollection[] = Object.values(RecordCollection)

export function isRecordCollection(name: string): name is RecordCollection {
  return (RECORD_COLLECTIONS as readonly string[]).includes(name)
}

/**
 * Root types of a board document. Everything else in shared/board reaches the document through
 * these getters, and nothing outside shared/board touches raw Y.Map keys.
 * `meta` is a Y.Map of board-wide settings (reserved for targets and thresholds).
 */
export const BoardRoot = {
  ...RecordCollection,
  meta: 'meta',
} as const
export type BoardRoot = (typeof BoardRoot)[keyof typeof BoardRoot]

export type ProjectMap = Y.Map<unknown>
export type RecordMap = Y.Map<unknown>

export function collectionRoot(doc: Y.Doc, collection: RecordCollection): Y.Map<RecordMap> {
  return doc.getMap<RecordMap>(collection)
}

export function projectsRoot(doc: Y.Doc): Y.Map<ProjectMap> {
  return doc.getMap<ProjectMap>(BoardRoot.projects)
}

export function metaRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(BoardRoot.meta)
}
