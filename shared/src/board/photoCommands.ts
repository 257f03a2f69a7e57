import * as Y from 'yjs'
import { principalId, principalLabel, type Principal } from '../domain/principal.ts'
import type { PhotoFields, PhotoId } from '../domain/photo.ts'
import { RecordCollection, collectionRoot } from './boardDoc.ts'
import { ProjectValidationError, type CommandOptions } from './commandOptions.ts'
import { checkRecordField } from './recordSchemas.ts'

/** What the server learned of a stored photo; who and when are added from the session and its clock. */
export type StoredPhotoFacts = Omit<PhotoFields, 'uploadedById' | 'uploadedByLabel' | 'receivedAt'>

/**
 * Writes a photo's metadata record. Only the server calls this (on a scratch copy handed to the
 * room as one judged update): a client's photo record is refused by the field policy.
 */
export function writePhotoRecord(doc: Y.Doc, id: PhotoId, facts: StoredPhotoFacts, uploader: Principal, receivedAt: Date, options: CommandOptions = {}): void {
  const values: Record<string, unknown> = {
    ...facts,
    uploadedById: principalId(uploader),
    uploadedByLabel: principalLabel(uploader),
    receivedAt: receivedAt.toISOString(),
  }
  for (const [field, value] of Object.entries(values)) {
    if (value === undefined) continue
    const problem = checkRecordField(RecordCollection.photos, field, value)
    if (problem) throw new ProjectValidationError(field, problem)
  }
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    collectionRoot(doc, RecordCollection.photos).set(id, map)
    for (const [field, value] of Object.entries(values)) if (value !== undefined) map.set(field, value)
  }, options.origin)
}

/** Removes a photo record (the uploader or the office; the server judges it like any delete). */
export function deletePhoto(doc: Y.Doc, id: PhotoId, options: CommandOptions = {}): void {
  doc.transact(() => collectionRoot(doc, RecordCollection.photos).delete(id), options.origin)
}
