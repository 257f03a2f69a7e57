import type * as Y from 'yjs'
import type { Notice, NoticeFields, NoticeId } from '../domain/notice.ts'
import { RecordCollection, type RecordMap } from './boardDoc.ts'
import { readCollection, readRecordFields } from './recordReader.ts'

/** Reads a notice, validating every field; undefined when a required field is unreadable. */
export function noticeFromMap(id: NoticeId, map: RecordMap): Notice | undefined {
  const fields = readRecordFields(RecordCollection.notices, map)
  return fields && { ...(fields as NoticeFields), id }
}

/** Every readable notice, oldest first. */
export function listNotices(doc: Y.Doc): Notice[] {
  return readCollection(doc, RecordCollection.notices, (id, map) => noticeFromMap(id as NoticeId, map)).sort((a, b) =>
    a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : a.id < b.id ? -1 : 1,
  )
}
