import type Database from 'better-sqlite3'
import type { StoredTileService, TileServiceStore } from './tileServiceStore.ts'

type Row = { url_template: string; attribution: string; updated_at: string }

/** Tile services in the embedded database (table from sqliteDatabase.ts). */
export class SqliteTileServiceStore implements TileServiceStore {
  private readonly statements

  constructor(db: Database.Database) {
    this.statements = {
      get: db.prepare<[string], Row>('SELECT url_template, attribution, updated_at FROM board_tile_services WHERE board_id = ?'),
      put: db.prepare(
        `INSERT INTO board_tile_services (board_id, url_template, attribution, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (board_id) DO UPDATE SET url_template = excluded.url_template, attribution = excluded.attribution, updated_at = excluded.updated_at`,
      ),
      clear: db.prepare('DELETE FROM board_tile_services WHERE board_id = ?'),
    }
  }

  async get(boardId: string): Promise<StoredTileService | undefined> {
    const row = this.statements.get.get(boardId)
    return row ? { urlTemplate: row.url_template, attribution: row.attribution, updatedAt: row.updated_at } : undefined
  }

  async put(boardId: string, service: StoredTileService | null): Promise<void> {
    if (service === null) this.statements.clear.run(boardId)
    else this.statements.put.run(boardId, service.urlTemplate, service.attribution, service.updatedAt)
  }
}
