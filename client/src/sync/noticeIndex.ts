import type * as Y from 'yjs'
import { RecordCollection } from '@guatu/shared/board/boardDoc'
import { noticeFromMap } from '@guatu/shared/board/noticeQueries'
import { isNoticeId, type Notice, type NoticeId } from '@guatu/shared/domain/notice'
import type { ProjectId } from '@guatu/shared/domain/project'
import { createProjectRecordIndex } from './projectRecordIndex.ts'

/** The same frozen empty list for every project without a 督办单. */
export const NO_NOTICES: readonly Notice[] = Object.freeze([])

export type NoticesByProject = ReadonlyMap<ProjectId, readonly Notice[]>

// Oldest first, the order listNotices uses.
const byIssued = (a: Notice, b: Notice) => (a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** The `notices` root (督办单) as view models (see projectRecordIndex.ts). */
export function createNoticeIndex(doc: Y.Doc, onChange: () => void) {
  return createProjectRecordIndex<Notice>(
    doc,
    { collection: RecordCollection.notices, isId: isNoticeId, fromMap: (id, map) => noticeFromMap(id as NoticeId, map), compare: byIssued },
    NO_NOTICES,
    onChange,
  )
}
