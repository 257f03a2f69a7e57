import { createStore, del, entries, set, type UseStore } from 'idb-keyval'
import type { UploadPhotoMeta } from '@guatu/shared/api/photos'
import { ApiError } from '../api/http.ts'
import { uploadPhotos } from '../api/photosApi.ts'

/** A photo taken or chosen on the phone, kept in IndexedDB until the server has it. */
export interface QueuedPhoto {
  id: string
  boardId: string
  projectId: string
  file: Blob
  name: string
  meta: UploadPhotoMeta
  addedAt: number
}

export type QueueEvent = { kind: 'uploaded'; count: number } | { kind: 'refused'; name: string; reason: string }

let store: UseStore | undefined
/** One database per server origin: two servers on one host never share a queue. */
function queueStore(): UseStore {
  store ??= createStore(`guatu-photo-queue:${window.location.origin}`, 'photos')
  return store
}

const listeners = new Set<() => void>()
const eventListeners = new Set<(event: QueueEvent) => void>()
let snapshot: readonly QueuedPhoto[] = []
let flushing: Promise<void> | undefined

async function reload(): Promise<void> {
  const all = await entries<string, QueuedPhoto>(queueStore())
  snapshot = all.map(([, photo]) => photo).sort((a, b) => a.addedAt - b.addedAt)
  for (const listener of listeners) listener()
}

/**
 * Photos waiting to upload. Every photo goes through the queue, online or not: it is in IndexedDB
 * before the first byte is sent, so a dead network, a closed tab or a reload loses nothing.
 */
export const photoQueue = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
  onEvent(listener: (event: QueueEvent) => void): () => void {
    eventListeners.add(listener)
    return () => eventListeners.delete(listener)
  },
  all: (): readonly QueuedPhoto[] => snapshot,
  load: reload,

  async add(photos: readonly Omit<QueuedPhoto, 'id' | 'addedAt'>[]): Promise<void> {
    const now = Date.now()
    for (const [index, photo] of photos.entries()) {
      const id = `${now}-${index}-${Math.random().toString(36).slice(2, 8)}`
      await set(id, { ...photo, id, addedAt: now + index }, queueStore())
    }
    await reload()
  },

  /** Uploads what is queued for the board, oldest first; stops at the first network failure (retried on reconnect). */
  flush(boardId: string): Promise<void> {
    flushing ??= (async () => {
      try {
        await reload()
        for (const photo of snapshot.filter((queued) => queued.boardId === boardId)) {
          try {
            await uploadPhotos(photo.boardId, photo.projectId, [{ file: photo.file, name: photo.name, meta: photo.meta }])
            await del(photo.id, queueStore())
            for (const listener of eventListeners) listener({ kind: 'uploaded', count: 1 })
          } catch (error) {
            // No answer (offline) or the server busy: keep it for the next try.
            if (!(error instanceof ApiError) || error.status === 0 || error.status === 429 || error.status >= 500) break
            // A refusal (not an image, too large, no right): the photo would never go; say why and drop it.
            await del(photo.id, queueStore())
            for (const listener of eventListeners) listener({ kind: 'refused', name: photo.name, reason: error.message })
          }
          await reload()
        }
      } finally {
        flushing = undefined
        await reload()
      }
    })()
    return flushing
  },
}
