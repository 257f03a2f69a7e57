import * as Y from 'yjs'
import { LRUCache } from 'lru-cache'
import type { BoardStorage } from '../storage/boardStorage.ts'

/**
 * Boards as they stood at past moments (回头看), rebuilt from storage and kept in a small LRU:
 * a meeting's participants open the same moment (the last meeting's end) on many screens, and a
 * 2,000-project board takes a few hundred milliseconds to rebuild.
 *
 * A moment's board is final once the moment lies behind every commit in flight: later commits
 * are stamped later (boardStorage.ts), so it is cached only when it is at least SETTLED_MS old.
 */
const CACHED_BOARDS = 4
const SETTLED_MS = 5_000

export class PastBoards {
  private readonly cache = new LRUCache<string, Y.Doc>({ max: CACHED_BOARDS })
  private readonly loading = new Map<string, Promise<Y.Doc | undefined>>()

  constructor(
    private readonly storage: BoardStorage,
    private readonly now: () => number = Date.now,
  ) {}

  /** The board at `at` (ms since epoch), read-only; undefined when nothing that old is kept. */
  async at(boardId: string, at: number): Promise<Y.Doc | undefined> {
    const key = `${boardId}@${at}`
    const cached = this.cache.get(key)
    if (cached) return cached
    const pending = this.loading.get(key)
    if (pending) return pending
    const load = this.rebuild(boardId, at).finally(() => this.loading.delete(key))
    this.loading.set(key, load)
    const doc = await load
    if (doc && at <= this.now() - SETTLED_MS) this.cache.set(key, doc)
    return doc
  }

  private async rebuild(boardId: string, at: number): Promise<Y.Doc | undefined> {
    const stored = await this.storage.loadBoardStateAt(boardId, at)
    if (!stored) return undefined
    const doc = new Y.Doc()
    // Merged first: up to a day of small updates applied one by one to a large document costs far
    // more than merging them (no document) and integrating once.
    doc.transact(() => {
      Y.applyUpdate(doc, stored.snapshot)
      if (stored.updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(stored.updates))
    })
    return doc
  }
}
