import type * as Y from 'yjs'
import type { Photo, PhotoFields, PhotoId } from '../domain/photo.ts'
import { RecordCollection, collectionRoot, type RecordMap } from './boardDoc.ts'
import { readCollection, readRecordFields } from './recordReader.ts'

/** Reads a photo record, validating every field; undefined when a required field is unreadable. */
export function photoFromMap(id: PhotoId, map: RecordMap): Photo | undefined {
  const fields = readRecordFields(RecordCollection.photos, map)
  return fields && { ...(fields as PhotoFields), id }
}

/** Newest first: by capture time, then receipt. */
export function comparePhotosNewestFirst(a: Photo, b: Photo): number {
  if (a.takenAt !== b.takenAt) return a.takenAt < b.takenAt ? 1 : -1
  return a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0
}

/** Every readable photo of the board (or of one project), newest first. */
export function listPhotos(doc: Y.Doc, projectId?: string): Photo[] {
  return readCollection(doc, RecordCollection.photos, (id, map) => photoFromMap(id as PhotoId, map))
    .filter((photo) => projectId === undefined || photo.projectId === projectId)
    .sort(comparePhotosNewestFirst)
}

/** The record of a photo, only if it is on the board now (a deleted photo is not served). */
export function findPhoto(doc: Y.Doc, id: string): Photo | undefined {
  const map = collectionRoot(doc, RecordCollection.photos).get(id)
  return map && typeof map.get === 'function' ? photoFromMap(id as PhotoId, map) : undefined
}
