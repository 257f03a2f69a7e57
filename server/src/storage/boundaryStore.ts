import type { BoundaryFeatureCollection } from '@guatu/shared/api/boundaries'

/** The office's base map of one board, as judged and simplified (boundaries/boundaryCheck.ts). */
export interface StoredBoundaries {
  county?: BoundaryFeatureCollection
  townships?: BoundaryFeatureCollection
  /** ISO time of the upload. */
  updatedAt: string
}

/**
 * Where a board's 县/乡镇 boundaries live: beside the board, not in its Yjs document (every client
 * would sync and keep each uploaded version forever), one row per board replaced whole. One
 * adapter per backend; both pass test/storage/boundaryStoreContract.ts.
 */
export interface BoundaryStore {
  get(boardId: string): Promise<StoredBoundaries | undefined>
  /** Replaces the board's boundaries in one write: a reader sees the old set or the new, never half. */
  put(boardId: string, boundaries: StoredBoundaries): Promise<void>
}
