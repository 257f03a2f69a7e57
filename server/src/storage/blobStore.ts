import type { PhotoVariant } from '@guatu/shared/domain/photo'

/** The stored sizes of one photo, metadata stripped. */
export type PhotoBlobs = Record<PhotoVariant, Uint8Array>

export interface BlobKey {
  boardId: string
  blobId: string
}

/**
 * Where photo bytes live, outside the Yjs document. Bytes are written first, as pending; the
 * record naming them is written into the board next; then they are confirmed. A crash between the
 * two leaves pending bytes, which the cleanup on start keeps (their record made it) or removes
 * (it did not). One adapter per backend; every adapter passes test/storage/blobStoreContract.ts.
 */
export interface BlobStore {
  /** Stores every variant of one photo, all or none, durably, as pending. */
  putPending(key: BlobKey, blobs: PhotoBlobs): Promise<void>
  /** The record naming these bytes is durable: they are no longer the cleanup's to judge. */
  confirm(key: BlobKey): Promise<void>
  /** One variant's bytes (pending or confirmed), or undefined. */
  get(key: BlobKey, variant: PhotoVariant): Promise<Uint8Array | undefined>
  /** Bytes still pending, stored before `storedBefore`: uploads cut off before their record was confirmed. */
  listPending(storedBefore: Date): Promise<BlobKey[]>
  remove(key: BlobKey): Promise<void>
  close(): Promise<void>
}

/** Blob ids are the server's own: 32 hex digits. Anything else never reaches a path or a query. */
export const BLOB_ID_PATTERN = /^[a-f0-9]{32}$/

export function assertBlobKey(key: BlobKey): void {
  if (!BLOB_ID_PATTERN.test(key.blobId)) throw new Error(`invalid blob id: ${key.blobId.slice(0, 40)}`)
  if (key.boardId.length === 0 || key.boardId.length > 200) throw new Error('invalid board id')
}
