import type { TileService } from '@guatu/shared/domain/tileService'

/** A board's tile service as the office saved it. */
export interface StoredTileService extends TileService {
  /** ISO time of the save. */
  updatedAt: string
}

/**
 * Where a board's tile service (底图服务) lives: beside the board, not in its Yjs document, because
 * the template may hold 天地图's key and the document reaches every reader's browser. One row per
 * board; no row means tiles are off. Both adapters pass test/storage/tileServiceStoreContract.ts.
 */
export interface TileServiceStore {
  get(boardId: string): Promise<StoredTileService | undefined>
  /** Saves the board's service, or with `null` switches tiles off. */
  put(boardId: string, service: StoredTileService | null): Promise<void>
}
