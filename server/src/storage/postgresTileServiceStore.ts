import type pg from 'pg'
import type { StoredTileService, TileServiceStore } from './tileServiceStore.ts'

/** Tile services in PostgreSQL (table from postgresDatabase.ts), shared by every process of a scaled-out server. */
export class PostgresTileServiceStore implements TileServiceStore {
  constructor(private readonly pool: pg.Pool) {}

  async get(boardId: string): Promise<StoredTileService | undefined> {
    const { rows } = await this.pool.query<{ url_template: string; attribution: string; updated_at: string }>(
      'SELECT url_template, attribution, updated_at FROM board_tile_services WHERE board_id = $1',
      [boardId],
    )
    const row = rows[0]
    return row ? { urlTemplate: row.url_template, attribution: row.attribution, updatedAt: row.updated_at } : undefined
  }

  async put(boardId: string, service: StoredTileService | null): Promise<void> {
    if (service === null) {
      await this.pool.query('DELETE FROM board_tile_services WHERE board_id = $1', [boardId])
      return
    }
    await this.pool.query(
      `INSERT INTO board_tile_services (board_id, url_template, attribution, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (board_id) DO UPDATE SET url_template = excluded.url_template, attribution = excluded.attribution, updated_at = excluded.updated_at`,
      [boardId, service.urlTemplate, service.attribution, service.updatedAt],
    )
  }
}
