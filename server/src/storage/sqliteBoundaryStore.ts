import type Database from 'better-sqlite3'
import type { BoundaryStore, StoredBoundaries } from './boundaryStore.ts'

/** Boundaries in the embedded database (table from sqliteDatabase.ts). */
export class SqliteBoundaryStore implements BoundaryStore {
  private readonly statements

  constructor(db: Database.Database) {
    this.statements = {
      get: db.prepare<[string], { body: string }>('SELECT body FROM board_boundaries WHERE board_id = ?'),
      put: db.prepare(
        `INSERT INTO board_boundaries (board_id, body, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (board_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      ),
    }
  }

  async get(boardId: string): Promise<StoredBoundaries | undefined> {
    const row = this.statements.get.get(boardId)
    return row ? (JSON.parse(row.body) as StoredBoundaries) : undefined
  }

  async put(boardId: string, boundaries: StoredBoundaries): Promise<void> {
    this.statements.put.run(boardId, JSON.stringify(boundaries), boundaries.updatedAt)
  }
}
