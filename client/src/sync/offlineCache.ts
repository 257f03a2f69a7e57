import { IndexeddbPersistence } from 'y-indexeddb'
import type * as Y from 'yjs'

/**
 * If IndexedDB is slow or unavailable (private windows, a full disk), connect without the cache
 * rather than keep a meeting waiting for it.
 */
export const CACHE_LOAD_TIMEOUT_MS = 3_000

/** One database per server origin and board, so two servers on one host never share a copy. */
export function offlineCacheName(boardId: string): string {
  return `guatu-board:${window.location.origin}:${boardId}`
}

/**
 * Deletions of a cache still in flight, by name. A fresh connection opened right after a rejection
 * must not read the copy that still holds the refused change: it waits for the deletion first.
 */
const pendingClears = new Map<string, Promise<void>>()

export interface OfflineCache {
  /** Resolves once the cached board is in the document (or the cache gave up); never rejects. */
  readonly loaded: Promise<void>
  /** Stops writing; the stored copy stays for the next visit. */
  close: () => void
  /**
   * Stops writing at once and deletes the stored copy. Used when the server refused one of our
   * updates: the refused change must not come back from the cache on the next visit.
   */
  clear: () => void
}

/**
 * Keeps the board document in IndexedDB (y-indexeddb): a reload, or opening the board with no
 * network, shows the last known board at once, and edits made offline survive until they reach
 * the server. Transactions applied from the cache carry the persistence object as their origin,
 * so undo (undo/) never captures them.
 */
export function openOfflineCache(boardId: string, doc: Y.Doc): OfflineCache {
  const name = offlineCacheName(boardId)
  let persistence: IndexeddbPersistence | undefined
  let closed = false
  const loaded = (async () => {
    await pendingClears.get(name)
    if (closed || typeof indexedDB === 'undefined') return
    const opened = new IndexeddbPersistence(name, doc)
    persistence = opened
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([
      opened.whenSynced.then(() => undefined),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CACHE_LOAD_TIMEOUT_MS)
      }),
    ])
    clearTimeout(timer)
  })().catch(() => undefined)

  return {
    loaded,
    close: () => {
      closed = true
      void persistence?.destroy()
    },
    clear: () => {
      closed = true
      // Synchronously: from now on nothing more is written, not even the server's fresh updates.
      void persistence?.destroy()
      const clearing = (async () => {
        await loaded
        if (persistence) await persistence.clearData()
        else await deleteDatabase(name)
        // clearData does not wait for the deletion; a second request queues behind it.
        await deleteDatabase(name)
      })()
        .catch(() => undefined)
        .finally(() => {
          if (pendingClears.get(name) === clearing) pendingClears.delete(name)
        })
      pendingClears.set(name, clearing)
    },
  }
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onerror = () => resolve()
    request.onblocked = () => resolve()
  })
}
