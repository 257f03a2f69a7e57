import type * as Y from 'yjs'
import { collectionRoot, type RecordCollection } from './boardDoc.ts'

/** A value the server writes into a record itself: the time of an event, by its own clock. */
export interface RecordStamp {
  collection: RecordCollection
  id: string
  field: string
  value: string
}

/** Writes the server's stamps in one transaction (records that vanished meanwhile are skipped). */
export function writeRecordStamps(doc: Y.Doc, stamps: readonly RecordStamp[], origin: unknown): void {
  if (stamps.length === 0) return
  doc.transact(() => {
    for (const stamp of stamps) collectionRoot(doc, stamp.collection).get(stamp.id)?.set(stamp.field, stamp.value)
  }, origin)
}
