import type * as Y from 'yjs'
import { NOTICE_FIELDS, OPTIONAL_NOTICE_FIELDS, noticeFieldSchemas, type Notice, type NoticeFields, type NoticeId } from '../domain/notice.ts'
import { RecordCollection, collectionRoot, type RecordMap } from './boardDoc.ts'

/** Reads a notice, validating every field; undefined when a required field is unreadable. */
export function noticeFromMap(id: NoticeId, map: RecordMap): Notice | undefined {
  const fields: Record<string, unknown> = {}
  for (const field of NOTICE_FIELDS) {
    const parsed = noticeFieldSchemas[field].safeParse(map.get(field))
    if (parsed.success) fields[field] = parsed.data
    else if (!(OPTIONAL_NOTICE_FIELDS as readonly string[]).includes(field)) return undefined
  }
  return { ...(fields as NoticeFields), id }
}

/** Every readable notice, oldest first. */
export function listNotices(doc: Y.Doc): Notice[] {
  const notices: Notice[] = []
  collectionRoot(doc, RecordCollection.notices).forEach((map, id) => {
    const notice = typeof map?.get === 'function' ? noticeFromMap(id as NoticeId, map) : undefined
    if (notice) notices.push(notice)
  })
  return notices.sort((a, b) => (a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : a.id < b.id ? -1 : 1))
}
