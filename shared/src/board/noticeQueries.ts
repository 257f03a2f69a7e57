import type * as Y from 'yjs'
import type { Notice, NoticeFields, NoticeId } from '../domain/notice.ts'
import { collectionRoot, RecordCollection, type RecordMap } from './boardDoc.ts'
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

/**
 * Whether the notice's level was written again after the notice was issued (升级), read from the
 * document itself: a Y.Map entry set once has no left origin; one overwritten points at the value
 * it replaced. A notice issued at 黄色督办 straight away was not escalated, though its level is above blue.
 */
export function wasNoticeLevelRewritten(doc: Y.Doc, id: NoticeId): boolean {
  const map = collectionRoot(doc, RecordCollection.notices).get(id)
  const item = map?._map.get('level')
  return item !== undefined && !item.deleted && item.origin !== null
}
